// single_page paginator: the first response is the only page.
import type { Paginator } from "./paginator.ts";

/** Creates a paginator that never requests a second page. */
export function createSinglePagePaginator(): Paginator {
  return {
    first: (request) => request,
    next: () => undefined,
  };
}
