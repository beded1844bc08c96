// detectPaginator: how to page a resource, judged from its first response (dlt §1.8.1, extended).
import type { PageRequest, PageResponse } from "../http/request.ts";
import { detectCursor } from "./cursor.ts";
import type { PaginatorDetection } from "./detection.ts";
import { detectHeaderLink } from "./header-link.ts";
import { detectLastRecordCursor } from "./last-record-cursor.ts";
import { detectNextLink } from "./next-link.ts";
import { detectOffset } from "./offset-envelope.ts";
import { detectPageNumber } from "./page-number.ts";
import { detectSinglePage } from "./single-page.ts";

export type { PaginatorDetection } from "./detection.ts";

/**
 * The paginator for a resource from its first request, response and selected records. Tried in order:
 * Link header, next URL in the body, offset envelope, page count, body cursor, Stripe-style has_more,
 * single page. Offset and page specs hold the position of this response (`offset`, `page`).
 */
export function detectPaginator(request: PageRequest, response: PageResponse, records: readonly unknown[]): PaginatorDetection {
  const body = response.body;
  return (
    detectHeaderLink(response) ??
    detectNextLink(body) ??
    detectOffset(request, body, records) ??
    detectPageNumber(request, body) ??
    detectCursor(request, body) ??
    detectLastRecordCursor(request, body, records) ??
    detectSinglePage(response, records)
  );
}
