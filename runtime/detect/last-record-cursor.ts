// Recognises Stripe-style lists (`has_more`, no cursor in the body), which our PaginatorSpec cannot page.
import type { PageRequest } from "../http/request.ts";
import { LAST_ID_PARAM_NAMES } from "../vocabulary/cursors.ts";
import { HAS_MORE_NAMES } from "../vocabulary/paging.ts";
import { isPlainObject, scanBody } from "./body-scan.ts";
import type { PaginatorDetection } from "./detection.ts";
import { formatPath } from "./path-format.ts";
import { findQueryParam, pickEntry } from "./pick.ts";
import { isBoolean } from "./values.ts";

/**
 * single_page, not confident, when the body has a has-more flag but no cursor or link (checked
 * before): the next page needs the last record's id as a param, which no cursor paginator reads.
 */
export function detectLastRecordCursor(request: PageRequest, body: unknown, records: readonly unknown[]): PaginatorDetection | undefined {
  const hasMore = pickEntry(scanBody(body, 2), HAS_MORE_NAMES, isBoolean);
  if (hasMore === undefined) return undefined;
  const param = findQueryParam(request.url, LAST_ID_PARAM_NAMES, () => true)?.name ?? "starting_after";
  const last = records[records.length - 1];
  const id = isPlainObject(last) && Object.hasOwn(last, "id") ? "the `id` of the last record" : "the id of the last record";
  return {
    spec: { type: "single_page" },
    reason:
      `\`${formatPath(hasMore.keys)}\` says whether more pages follow but the body holds no cursor or link: ` +
      `the next page is asked for with \`${param}\` = ${id} (Stripe style), which the cursor paginator cannot ` +
      "express because it reads its cursor from the body; only the first page is read, configure pagination by hand",
    confident: false,
  };
}
