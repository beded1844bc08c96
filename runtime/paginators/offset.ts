// offset paginator: offset/limit query params; stops on total, maximum_offset, has_more or an empty page.
import { withParam } from "../http/request.ts";
import type { PaginatorSpec } from "../spec.ts";
import type { Paginator } from "./paginator.ts";
import { assertSpec, createRangePaginator, integerIssue } from "./range.ts";

export type OffsetSpec = Extract<PaginatorSpec, { type: "offset" }>;

/** Creates an offset paginator; throws ConfigError for a bad limit/offset or no stop condition. */
export function createOffsetPaginator(spec: OffsetSpec): Paginator {
  const who = "offset paginator";
  assertSpec(who, [
    ...integerIssue("paginator.limit", spec.limit, 1),
    ...integerIssue("paginator.offset", spec.offset, 0),
    ...integerIssue("paginator.maximum_offset", spec.maximumOffset, 0, true),
  ]);
  return createRangePaginator({
    who,
    param: spec.offsetParam,
    step: spec.limit,
    totalBase: 0,
    totalPath: spec.totalPath,
    maximum: spec.maximumOffset,
    stopAfterEmptyPage: spec.stopAfterEmptyPage,
    hasMorePath: spec.hasMorePath,
    first: (request) =>
      withParam(withParam(request, spec.offsetParam, String(spec.offset)), spec.limitParam, String(spec.limit)),
  });
}
