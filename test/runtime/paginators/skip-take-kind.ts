// Test helper (not a test file): a paginator kind that exists only in tests, written the way a new
// kind is added — this one module, plus one registry line (here: the test's own list of kinds).
// `skip_take`: `skip`/`take` query params; a page shorter than `take` is the last one.
import { z } from "zod";
import { identifierLike, positiveInt } from "../../../runtime/grammar.ts";
import { withParam } from "../../../runtime/http/request.ts";
import { definePaginatorKind } from "../../../runtime/paginators/kind.ts";

export interface SkipTakeSpec {
  readonly type: "skip_take";
  readonly take: number;
  readonly skipParam: string;
  readonly takeParam: string;
  readonly stopOnShortPage: boolean;
}

export const skipTakeKind = definePaginatorKind({
  type: "skip_take",
  grammar: {
    take: positiveInt,
    skip_param: identifierLike.optional(),
    take_param: identifierLike.optional(),
    stop_on_short_page: z.boolean().optional(),
  },
  resolve: (c): SkipTakeSpec => ({
    type: "skip_take",
    take: c.take,
    skipParam: c.skip_param ?? "skip",
    takeParam: c.take_param ?? "take",
    stopOnShortPage: c.stop_on_short_page ?? true,
  }),
  stop: { canStop: (s) => s.stopOnShortPage, advice: "leave stop_on_short_page true" },
  writes: (s) => ({ [s.skipParam]: 0, [s.takeParam]: s.take }),
  create: (spec) => ({
    first: (request) => withParam(withParam(request, spec.skipParam, "0"), spec.takeParam, String(spec.take)),
    next(request, _response, records) {
      if (records.length < spec.take) return undefined;
      const skip = Number(request.url.searchParams.get(spec.skipParam) ?? "0");
      return withParam(request, spec.skipParam, String(skip + spec.take));
    },
  }),
});
