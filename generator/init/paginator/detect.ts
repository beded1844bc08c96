// Paginator detection for one list endpoint: vendor markers, then the heuristics in order of
// confidence (research §6); the first rule that answers wins, with its evidence.
import { CURSOR_CONTAINER_NAMES, CURSOR_PARAM_NAMES, isNextCursorName } from "../../../runtime/vocabulary/cursors.ts";
import { NEXT_URL_NAMES } from "../../../runtime/vocabulary/links.ts";
import {
  HAS_MORE_NAMES,
  LAST_PAGE_FLAG_NAMES,
  OFFSET_NAMES,
  PAGE_PARAM_NAMES,
  PAGING_OBJECT_NAMES,
  QUERY_LIMIT_NAMES,
  TOTAL_PAGES_NAMES,
} from "../../../runtime/vocabulary/paging.ts";
import { isReadablePath } from "../jsonpath.ts";
import { hasRole } from "../params.ts";
import { cursorById, cursorEcho, namedCursor } from "./cursors.ts";
import { leaf } from "./fields.ts";
import { headerCursor, linkHeader, nextUrl } from "./links.ts";
import { offsetLimit, pageNumber } from "./ranges.ts";
import type { PagingGuess, PagingInput, PagingRule } from "./types.ts";
import { vendorMarkers } from "./vendor.ts";

const RULES: readonly PagingRule[] = [vendorMarkers, linkHeader, headerCursor, nextUrl, cursorEcho, namedCursor, cursorById, offsetLimit, pageNumber];
const VENDOR_KEYS = ["x-speakeasy-pagination", "x-fern-pagination"];
/** Response fields whose name says the endpoint pages. */
const PAGED_FIELDS = [PAGING_OBJECT_NAMES, CURSOR_CONTAINER_NAMES, NEXT_URL_NAMES, HAS_MORE_NAMES, LAST_PAGE_FLAG_NAMES, TOTAL_PAGES_NAMES];

function pathsOk(guess: PagingGuess): boolean {
  const p = guess.paginator;
  return [p.cursor_path, p.next_url_path, p.total_path, p.has_more_path, guess.selector].every((v) => typeof v !== "string" || isReadablePath(v));
}

/** What makes an endpoint look paged when no rule could say how. */
function pagingHints(input: PagingInput): string[] {
  const names = [QUERY_LIMIT_NAMES, OFFSET_NAMES, PAGE_PARAM_NAMES, CURSOR_PARAM_NAMES];
  const params = input.query.filter((p) => names.some((n) => hasRole(p, n))).map((p) => `query param \`${p.name}\``);
  const fields = input.fields
    .filter((f) => isNextCursorName(leaf(f)) || PAGED_FIELDS.some((names) => names.has(leaf(f))))
    .map((f) => `response field \`${f.tokens.join(".")}\``);
  return [...params, ...fields];
}

/** The paginator for a list endpoint; single_page (with a warning when it looks paged) if nothing fits. */
export function detectPaginator(input: PagingInput): PagingGuess {
  const warnings: string[] = [];
  for (const rule of RULES) {
    const guess = rule(input);
    if (guess === undefined) {
      const marker = VENDOR_KEYS.find((k) => input.op.operation[k] !== undefined);
      if (rule === vendorMarkers && marker !== undefined)
        warnings.push(`its ${marker} extension could not be translated; inferred from the params and response instead`);
      continue;
    }
    if (pathsOk(guess)) return { ...guess, warnings: [...warnings, ...guess.warnings] };
    warnings.push(`a paginator was found (${guess.evidence}) but one of its paths is outside the JSONPath subset the runtime reads`);
  }
  const hints = pagingHints(input);
  if (hints.length > 0)
    warnings.push(`looks paged (${hints.join(", ")}) but no known paging scheme fits: single_page fetches only the first page; set endpoint.paginator`);
  return { paginator: { type: "single_page" }, evidence: hints.length > 0 ? "no paging scheme recognised" : "no paging params or fields", warnings };
}
