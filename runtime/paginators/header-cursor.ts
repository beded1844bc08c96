// header_cursor paginator: a cursor read from a response header is sent back as a query param.
import { z } from "zod";
import { ConfigError } from "../errors.ts";
import { withParam } from "../http/request.ts";
import { identifierLike } from "../grammar.ts";
import { definePaginatorKind } from "./kind.ts";
import type { Paginator } from "../hooks.ts";

export interface HeaderCursorSpec {
  readonly type: "header_cursor";
  readonly cursorKey: string;
  readonly cursorParam: string;
}

/** Creates a header_cursor paginator: header `cursorKey` (any case) → param `cursorParam`; absent/empty stops. */
export function createHeaderCursorPaginator(spec: HeaderCursorSpec): Paginator {
  try {
    new Headers().get(spec.cursorKey);
  } catch {
    throw new ConfigError("header_cursor paginator", [{ path: "paginator.cursor_key", message: `"${spec.cursorKey}" is not a valid header name` }]);
  }
  return {
    first: (request) => request,
    next(request, response) {
      const cursor = response.headers.get(spec.cursorKey)?.trim();
      if (cursor === undefined || cursor === "") return undefined;
      return withParam(request, spec.cursorParam, cursor);
    },
  };
}

export const headerCursorKind = definePaginatorKind({
  type: "header_cursor",
  grammar: { cursor_key: z.string().min(1).optional(), cursor_param: identifierLike.optional() },
  resolve: (c): HeaderCursorSpec => ({ type: "header_cursor", cursorKey: c.cursor_key || "next", cursorParam: c.cursor_param || "cursor" }),
  writes: (s) => ({ [s.cursorParam]: undefined }),
  create: createHeaderCursorPaginator,
});
