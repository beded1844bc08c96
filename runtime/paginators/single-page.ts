// single_page paginator: the first response is the only page.
import { definePaginatorKind } from "./kind.ts";
import type { Paginator } from "../hooks.ts";

export interface SinglePageSpec {
  readonly type: "single_page";
}

/** Creates a paginator that never requests a second page. */
export function createSinglePagePaginator(): Paginator {
  return {
    first: (request) => request,
    next: () => undefined,
  };
}

export const singlePageKind = definePaginatorKind({
  type: "single_page",
  grammar: {},
  resolve: (): SinglePageSpec => ({ type: "single_page" }),
  writes: () => ({}),
  create: createSinglePagePaginator,
});
