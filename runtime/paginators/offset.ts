// offset paginator: offset/limit as query params or JSON body paths; stops on total, maximum_offset, has_more or an empty page.
import { identifierLike, jsonPath, nonNegativeInt, positiveInt, stopConditions } from "../grammar.ts";
import { definePaginatorKind, type KindConfig } from "./kind.ts";
import type { Paginator } from "../hooks.ts";
import { assertSpec, createRangePaginator, integerIssue } from "./range.ts";
import { createSlot } from "./slot.ts";

export interface OffsetSpec {
  readonly type: "offset";
  readonly limit: number;
  readonly offset: number;
  readonly offsetParam: string;
  readonly limitParam: string;
  /** Dot path in the JSON request body that receives the offset instead of `offsetParam`. */
  readonly offsetBodyPath?: string | null;
  /** Dot path in the JSON request body that receives the limit instead of `limitParam`. */
  readonly limitBodyPath?: string | null;
  readonly totalPath: string | null;
  readonly maximumOffset: number | null;
  readonly stopAfterEmptyPage: boolean;
  readonly hasMorePath: string | null;
}

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

const grammar = {
  limit: positiveInt,
  offset: nonNegativeInt.optional(),
  offset_param: identifierLike.optional(),
  limit_param: identifierLike.optional(),
  total_path: jsonPath.nullable().optional(),
  maximum_offset: positiveInt.optional(),
  offset_body_path: jsonPath.optional(),
  limit_body_path: jsonPath.optional(),
  ...stopConditions,
};

/** dlt's defaults for an offset paginator (auto-detection resolves its findings here too). */
export function resolveOffset(c: KindConfig<"offset", typeof grammar>): OffsetSpec {
  return {
    type: "offset",
    limit: c.limit,
    offset: c.offset ?? 0,
    offsetParam: c.offset_param ?? "offset",
    limitParam: c.limit_param ?? "limit",
    totalPath: c.total_path === undefined ? "total" : c.total_path,
    maximumOffset: c.maximum_offset ?? null,
    stopAfterEmptyPage: c.stop_after_empty_page ?? true,
    hasMorePath: c.has_more_path ?? null,
    ...(c.offset_body_path ? { offsetBodyPath: c.offset_body_path } : {}),
    ...(c.limit_body_path ? { limitBodyPath: c.limit_body_path } : {}),
  };
}

export const offsetKind = definePaginatorKind({
  type: "offset",
  grammar,
  resolve: resolveOffset,
  stop: {
    canStop: (s) => s.totalPath !== null || s.maximumOffset !== null || s.hasMorePath !== null || s.stopAfterEmptyPage,
    advice: "set total_path, maximum_offset, has_more_path or stop_after_empty_page",
  },
  writes: (s) => ({ ...(s.offsetBodyPath ? {} : { [s.offsetParam]: s.offset }), ...(s.limitBodyPath ? {} : { [s.limitParam]: s.limit }) }),
  create: createOffsetPaginator,
});
