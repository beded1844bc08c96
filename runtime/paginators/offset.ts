// offset paginator: offset/limit as query params or JSON body paths; stops on total, maximum_offset, has_more or an empty page.
import type { PaginatorSpec } from "../spec.ts";
import type { Paginator } from "./paginator.ts";
import { assertSpec, createRangePaginator, integerIssue } from "./range.ts";
import { createSlot } from "./slot.ts";

export type OffsetSpec = Extract<PaginatorSpec, { type: "offset" }>;

/** Creates an offset paginator; throws ConfigError for a bad limit/offset, a bad body path or no stop condition. */
export function createOffsetPaginator(spec: OffsetSpec): Paginator {
  const who = "offset paginator";
  assertSpec(who, [
    ...integerIssue("paginator.limit", spec.limit, 1),
    ...integerIssue("paginator.offset", spec.offset, 0),
    ...integerIssue("paginator.maximum_offset", spec.maximumOffset, 0, true),
  ]);
  const offset = createSlot(who, "offset_body_path", spec.offsetParam, spec.offsetBodyPath);
  const limit = createSlot(who, "limit_body_path", spec.limitParam, spec.limitBodyPath);
  return createRangePaginator({
    who,
    slot: offset,
    step: spec.limit,
    totalBase: 0,
    totalPath: spec.totalPath,
    maximum: spec.maximumOffset,
    stopAfterEmptyPage: spec.stopAfterEmptyPage,
    hasMorePath: spec.hasMorePath,
    first: (request) => limit.write(offset.write(request, spec.offset), spec.limit),
  });
}
