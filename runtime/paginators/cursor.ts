// cursor paginator: an opaque cursor read from the JSON body is sent back as a query param.
import { PaginationError } from "../errors.ts";
import { withParam } from "../http/request.ts";
import { describeValue } from "../select/describe.ts";
import { compilePath } from "../select/jsonpath.ts";
import type { PaginatorSpec } from "../spec.ts";
import { readHasMore, type BodyPath } from "./body-values.ts";
import type { Paginator } from "./paginator.ts";

export type CursorSpec = Extract<PaginatorSpec, { type: "cursor" }>;

const WHO = "cursor paginator";

/** The cursor to send, or undefined when `value` means "no more pages" (missing, null, "", 0, false). */
function cursorText(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null || value === "" || value === 0 || value === false) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new PaginationError(`${WHO}: cursor_path \`${path}\` holds a ${describeValue(value)}, expected a string or a number`);
}

/** Creates a cursor paginator (stops on a falsy cursor, an empty page if configured, or has_more false). */
export function createCursorPaginator(spec: CursorSpec): Paginator {
  const findCursor = compilePath(spec.cursorPath);
  const hasMore: BodyPath | null = spec.hasMorePath === null ? null : { path: spec.hasMorePath, find: compilePath(spec.hasMorePath) };
  return {
    first: (request) => request,
    next(request, response, records) {
      if (spec.stopAfterEmptyPage && records.length === 0) return undefined;
      const more = hasMore === null ? undefined : readHasMore(hasMore, response.body, WHO);
      if (more === false) return undefined;
      const cursor = cursorText(findCursor(response.body)[0], spec.cursorPath);
      if (cursor === undefined) {
        if (more === true) {
          throw new PaginationError(
            `${WHO}: has_more_path \`${spec.hasMorePath ?? ""}\` says more pages follow but cursor_path \`${spec.cursorPath}\` holds no cursor`,
          );
        }
        return undefined;
      }
      return withParam(request, spec.cursorParam, cursor);
    },
  };
}
