// The paginator interface: pure functions from (request, response) to the next request.
import type { PageRequest, PageResponse } from "../http/request.ts";

export interface Paginator {
  /** The first request of a sequence (e.g. sets offset=0&limit=100). */
  first(request: PageRequest): PageRequest;
  /**
   * The next request after `response` (whose selected records are `records`), or undefined when
   * paging is over. Throws PaginationError when the response cannot be paged (e.g. missing total).
   */
  next(request: PageRequest, response: PageResponse, records: readonly unknown[]): PageRequest | undefined;
  /**
   * Optional: every request still to come after `response`, in order, when the response tells how far
   * the sequence goes (a total); the first is what `next` returns. The runtime requests them
   * concurrently but still asks `next` after each page, so stop rules keep their meaning. Empty when
   * the length is unknown.
   */
  ahead?(request: PageRequest, response: PageResponse, records: readonly unknown[]): PageRequest[];
}
