// header_cursor paginator: a cursor read from a response header is sent back as a query param.
import { ConfigError } from "../errors.ts";
import { withParam } from "../http/request.ts";
import type { PaginatorSpec } from "../spec.ts";
import type { Paginator } from "./paginator.ts";

export type HeaderCursorSpec = Extract<PaginatorSpec, { type: "header_cursor" }>;

/** Creates a header_cursor paginator: header `cursorKey` (any case) → param `cursorParam`; absent/empty stops. */
export function createHeaderCursorPaginator(spec: HeaderCursorSpec): Paginator {
  try {
    new Headers().get(spec.cursorKey);
  } catch {
    throw new ConfigError("header_cursor paginator", [
      { path: "paginator.cursor_key", message: `"${spec.cursorKey}" is not a valid header name` },
    ]);
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
