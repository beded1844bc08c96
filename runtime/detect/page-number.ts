// Detects page-number paging: a page count in the body (`total_pages`, `meta.totalPages`, `pages`, ...).
import type { PageRequest } from "../http/request.ts";
import { resolvePageNumber } from "../paginators/page-number.ts";
import { HAS_MORE_NAMES, PAGE_ECHO_NAMES, PAGE_PARAM_NAMES, TOTAL_PAGES_NAMES, WEAK_PAGE_ECHO_NAMES } from "../vocabulary/paging.ts";
import { scanBody, type BodyEntry } from "./body-scan.ts";
import type { PaginatorDetection } from "./detection.ts";
import { formatPath } from "./path-format.ts";
import { findQueryParam, pickEntry } from "./pick.ts";
import { integerOf, isBoolean, isCount } from "./values.ts";

const MAX_DEPTH = 3;

const isCountText = (text: string): boolean => isCount(text);
const at = (entry: BodyEntry): string => `\`${formatPath(entry.keys)}\``;

/** The page-number echo: a strong name anywhere, or a weak one (`current`, `number`, `index`) beside the page count. */
function pageEcho(entries: readonly BodyEntry[], near: Readonly<Record<string, unknown>> | undefined): BodyEntry | undefined {
  const strong = pickEntry(entries, PAGE_ECHO_NAMES, isCount, near);
  if (strong !== undefined && (near === undefined || strong.parent === near)) return strong;
  const weak =
    near === undefined
      ? undefined
      : pickEntry(
          entries.filter((e) => e.parent === near),
          WEAK_PAGE_ECHO_NAMES,
          isCount,
          near,
        );
  return weak ?? strong;
}

/**
 * page_number when the body gives a page count, or when the request's query has a page param;
 * else undefined. `page` is the page this response holds; base_page is 0 or 1 (1 when unknown).
 */
export function detectPageNumber(request: PageRequest, body: unknown): PaginatorDetection | undefined {
  const entries = scanBody(body, MAX_DEPTH);
  const totalPages = pickEntry(entries, TOTAL_PAGES_NAMES, isCount);
  const queryPage = findQueryParam(request.url, PAGE_PARAM_NAMES, isCountText);
  if (totalPages === undefined && queryPage === undefined) return undefined;
  const near = totalPages?.parent;
  const echo = pageEcho(entries, near);
  const hasMore = pickEntry(entries, HAS_MORE_NAMES, isBoolean, near ?? echo?.parent);

  const notes: string[] = [];
  let confident = true;
  const paramEcho = echo !== undefined && PAGE_PARAM_NAMES.has(echo.name) ? echo : undefined;
  const pageParam = queryPage?.name ?? paramEcho?.key ?? "page";
  if (queryPage !== undefined) notes.push(`param \`${pageParam}\` from the request`);
  else if (paramEcho !== undefined) notes.push(`param \`${pageParam}\` named after ${at(paramEcho)}`);
  else {
    notes.push("param `page` guessed");
    confident = false;
  }

  const current = integerOf(queryPage?.value) ?? integerOf(echo?.value);
  let basePage = 1;
  if (current === undefined) {
    notes.push("no page echo: pages are assumed to count from 1");
    confident = false;
  } else if (current <= 1) {
    basePage = current;
    notes.push(`pages count from ${current}${echo !== undefined ? ` (${at(echo)} echoes ${current})` : ""}`);
  } else {
    notes.push(`this is page ${current}${echo !== undefined ? ` (${at(echo)})` : ""}; pages are assumed to count from 1`);
  }
  if (totalPages !== undefined) notes.unshift(`${at(totalPages)} is the page count`);
  if (hasMore !== undefined) notes.push(`more pages while ${at(hasMore)} is true`);
  if (totalPages === undefined && hasMore === undefined) {
    notes.push("no page count or has-more flag: paging stops at the first empty page");
    confident = false;
  }
  return {
    spec: resolvePageNumber({
      type: "page_number",
      base_page: basePage,
      page: current ?? basePage,
      page_param: pageParam,
      total_path: totalPages === undefined ? null : formatPath(totalPages.keys),
      ...(hasMore === undefined ? {} : { has_more_path: formatPath(hasMore.keys) }),
    }),
    reason: `page-number paging: ${notes.join("; ")}`,
    confident,
  };
}
