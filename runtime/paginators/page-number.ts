// page_number paginator: a page (query param or JSON body path) stepped by 1; total_path is the number of pages.
import { identifierLike, jsonPath, nonNegativeInt, positiveInt, stopConditions } from "../grammar.ts";
import { definePaginatorKind, type KindConfig } from "./kind.ts";
import type { Paginator } from "../hooks.ts";
import { assertSpec, createRangePaginator, integerIssue } from "./range.ts";
import { createSlot } from "./slot.ts";

export interface PageNumberSpec {
  readonly type: "page_number";
  readonly basePage: number;
  readonly page: number;
  readonly pageParam: string;
  /** Dot path in the JSON request body that receives the page instead of `pageParam`. */
  readonly pageBodyPath?: string | null;
  readonly totalPath: string | null;
  readonly maximumPage: number | null;
  readonly stopAfterEmptyPage: boolean;
  readonly hasMorePath: string | null;
}

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

const grammar = {
  base_page: nonNegativeInt.optional(),
  page: nonNegativeInt.optional(),
  page_param: identifierLike.optional(),
  total_path: jsonPath.nullable().optional(),
  maximum_page: positiveInt.optional(),
  page_body_path: jsonPath.optional(),
  ...stopConditions,
};

/** dlt's defaults for a page_number paginator (auto-detection resolves its findings here too). */
export function resolvePageNumber(c: KindConfig<"page_number", typeof grammar>): PageNumberSpec {
  const base = c.base_page ?? 0;
  return {
    type: "page_number",
    basePage: base,
    page: c.page || base,
    pageParam: c.page_param || "page",
    totalPath: c.total_path !== undefined ? c.total_path : "total",
    maximumPage: c.maximum_page || null,
    stopAfterEmptyPage: c.stop_after_empty_page !== undefined ? c.stop_after_empty_page : true,
    hasMorePath: c.has_more_path || null,
    ...(c.page_body_path ? { pageBodyPath: c.page_body_path } : {}),
  };
}

export const pageNumberKind = definePaginatorKind({
  type: "page_number",
  grammar,
  resolve: resolvePageNumber,
  stop: {
    canStop: (s) => s.totalPath !== null || s.maximumPage !== null || s.hasMorePath !== null || s.stopAfterEmptyPage,
    advice: "set total_path, maximum_page, has_more_path or stop_after_empty_page",
  },
  writes: (s) => (s.pageBodyPath ? {} : { [s.pageParam]: s.page }),
  create: createPageNumberPaginator,
});
