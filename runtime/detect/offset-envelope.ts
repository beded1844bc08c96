// Detects offset/limit paging (dlt never does): an offset in the request or echoed by the body, plus a total.
import type { PageRequest } from "../http/request.ts";
import { resolveOffset } from "../paginators/offset.ts";
import { HAS_MORE_NAMES, LIMIT_NAMES, OFFSET_NAMES, QUERY_LIMIT_NAMES, TOTAL_NAMES } from "../vocabulary/paging.ts";
import { scanBody, type BodyEntry } from "./body-scan.ts";
import type { PaginatorDetection } from "./detection.ts";
import { formatPath } from "./path-format.ts";
import { findQueryParam, pickEntry } from "./pick.ts";
import { integerOf, isBoolean, isCount, isPositive } from "./values.ts";

const MAX_DEPTH = 3;

/** The page size assumed when neither the request, the body nor the records tell it. */
const FALLBACK_LIMIT = 100;

const isCountText = (text: string): boolean => isCount(text);
const isPositiveText = (text: string): boolean => isPositive(text);
const at = (entry: BodyEntry): string => `\`${formatPath(entry.keys)}\``;

/**
 * offset when the request's query has an offset param or the body echoes one, and the body gives a
 * total or a has-more flag (or the query also has a limit param); else undefined.
 */
export function detectOffset(request: PageRequest, body: unknown, records: readonly unknown[]): PaginatorDetection | undefined {
  const entries = scanBody(body, MAX_DEPTH);
  const queryOffset = findQueryParam(request.url, OFFSET_NAMES, isCountText);
  const echo = pickEntry(entries, OFFSET_NAMES, isCount);
  if (queryOffset === undefined && echo === undefined) return undefined;
  const near = echo?.parent;
  const total = pickEntry(entries, TOTAL_NAMES, isCount, near);
  const hasMore = pickEntry(entries, HAS_MORE_NAMES, isBoolean, near);
  const queryLimit = findQueryParam(request.url, QUERY_LIMIT_NAMES, isPositiveText);
  if (total === undefined && hasMore === undefined && (queryOffset === undefined || queryLimit === undefined)) return undefined;

  const limitEcho = pickEntry(entries, LIMIT_NAMES, isPositive, near);
  const offsetParam = queryOffset?.name ?? echo?.key ?? "offset";
  const offset = integerOf(queryOffset?.value) ?? integerOf(echo?.value) ?? 0;
  const limitParam = queryLimit?.name ?? limitEcho?.key ?? "limit";
  const echoedLimit = integerOf(limitEcho?.value) ?? integerOf(queryLimit?.value);
  const limit = echoedLimit ?? (records.length > 0 ? records.length : FALLBACK_LIMIT);

  const notes: string[] = [];
  let confident = true;
  const offsetFrom = queryOffset !== undefined ? `the request's \`${queryOffset.name}\` param` : echo === undefined ? "" : `${at(echo)} echoes it`;
  if (limitEcho !== undefined) notes.push(`limit ${limit} from ${at(limitEcho)}`);
  else if (queryLimit !== undefined) notes.push(`limit ${limit} from the request's \`${queryLimit.name}\` param`);
  else if (records.length > 0) notes.push(`limit ${limit} = the records on this page, param \`limit\` guessed`);
  else {
    notes.push(`no page size found: limit ${limit} and param \`limit\` are guesses`);
    confident = false;
  }
  if (total !== undefined) {
    notes.push(`total from ${at(total)}`);
    if (total.name === "count" && integerOf(total.value) === records.length && records.length > 0) {
      notes.push("`count` equals this page's records and may count the page, not the collection");
      confident = false;
    }
  }
  if (hasMore !== undefined) notes.push(`more pages while ${at(hasMore)} is true`);
  if (total === undefined && hasMore === undefined) {
    notes.push("no total or has-more flag: paging stops at the first empty page");
    confident = false;
  }
  return {
    spec: resolveOffset({
      type: "offset",
      limit,
      offset,
      offset_param: offsetParam,
      limit_param: limitParam,
      total_path: total === undefined ? null : formatPath(total.keys),
      ...(hasMore === undefined ? {} : { has_more_path: formatPath(hasMore.keys) }),
    }),
    reason: `offset paging on \`${offsetParam}\` (${offsetFrom}); ${notes.join("; ")}`,
    confident,
  };
}
