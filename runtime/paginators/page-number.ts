// page_number paginator: a page (query param or JSON body path) stepped by 1; total_path is the number of pages.
import type { PaginatorSpec } from "../spec.ts";
import type { Paginator } from "./paginator.ts";
import { assertSpec, createRangePaginator, integerIssue } from "./range.ts";
import { createSlot } from "./slot.ts";

export type PageNumberSpec = Extract<PaginatorSpec, { type: "page_number" }>;

/** Creates a page_number paginator; throws ConfigError for bad page numbers, a bad body path or no stop condition. */
export function createPageNumberPaginator(spec: PageNumberSpec): Paginator {
  const who = "page_number paginator";
  assertSpec(who, [
    ...integerIssue("paginator.base_page", spec.basePage, 0),
    ...integerIssue("paginator.page", spec.page, 0),
    ...integerIssue("paginator.maximum_page", spec.maximumPage, 0, true),
  ]);
  const page = createSlot(who, "page_body_path", spec.pageParam, spec.pageBodyPath);
  return createRangePaginator({
    who,
    slot: page,
    step: 1,
    totalBase: spec.basePage,
    totalPath: spec.totalPath,
    maximum: spec.maximumPage,
    stopAfterEmptyPage: spec.stopAfterEmptyPage,
    hasMorePath: spec.hasMorePath,
    first: (request) => page.write(request, spec.page),
  });
}
