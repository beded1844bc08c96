// cursor paginator: an opaque cursor read from the JSON response is sent back as a query param or in the JSON request body.
import { PaginationError } from "../errors.ts";
import { describeValue } from "../select/describe.ts";
import { compilePath } from "../select/jsonpath.ts";
import { identifierLike, jsonPath, stopConditions } from "../grammar.ts";
import { bodyPath, readHasMore } from "./body-values.ts";
import { definePaginatorKind, type KindConfig } from "./kind.ts";
import type { Paginator } from "../hooks.ts";
import { createSlot } from "./slot.ts";

export interface CursorSpec {
  readonly type: "cursor";
  readonly cursorPath: string;
  readonly cursorParam: string;
  /** Dot path in the JSON request body that receives the cursor instead of `cursorParam`. */
  readonly cursorBodyPath?: string | null;
  readonly stopAfterEmptyPage: boolean;
  readonly hasMorePath: string | null;
}

const WHO = "cursor paginator";

/** The cursor to send, or undefined when `value` means "no more pages" (missing, null, "", 0, false). */
function cursorValue(value: unknown, path: string): string | number | undefined {
  if (value === undefined || value === null || value === "" || value === 0 || value === false) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new PaginationError(`${WHO}: cursor_path \`${path}\` holds a ${describeValue(value)}, expected a string or a number`);
}

/**
 * Creates a cursor paginator (stops on a falsy cursor, an empty page if configured, or has_more false).
 * With `cursorBodyPath` the cursor goes into the JSON body as found (a number stays a number).
 */
export function createCursorPaginator(spec: CursorSpec): Paginator {
  const slot = createSlot(WHO, "cursor_body_path", spec.cursorParam, spec.cursorBodyPath);
  const findCursor = compilePath(spec.cursorPath);
  const hasMore = bodyPath(spec.hasMorePath);
  return {
    first: (request) => request,
    next(request, response, records) {
      if (spec.stopAfterEmptyPage && records.length === 0) return undefined;
      const more = hasMore === null ? undefined : readHasMore(hasMore, response.body, WHO);
      if (more === false) return undefined;
      const cursor = cursorValue(findCursor(response.body)[0], spec.cursorPath);
      if (cursor === undefined) {
        if (more === true) {
          throw new PaginationError(
            `${WHO}: has_more_path \`${spec.hasMorePath ?? ""}\` says more pages follow but cursor_path \`${spec.cursorPath}\` holds no cursor`,
          );
        }
        return undefined;
      }
      return slot.write(request, cursor);
    },
  };
}

const grammar = {
  cursor_path: jsonPath.optional(),
  cursor_param: identifierLike.optional(),
  cursor_body_path: jsonPath.optional(),
  ...stopConditions,
};

/** dlt's defaults for a cursor paginator (auto-detection resolves its findings here too). */
export function resolveCursor(c: KindConfig<"cursor", typeof grammar>): CursorSpec {
  return {
    type: "cursor",
    cursorPath: c.cursor_path || "cursors.next",
    cursorParam: c.cursor_param || "cursor",
    stopAfterEmptyPage: c.stop_after_empty_page || false,
    hasMorePath: c.has_more_path || null,
    ...(c.cursor_body_path ? { cursorBodyPath: c.cursor_body_path } : {}),
  };
}

export const cursorKind = definePaginatorKind({
  type: "cursor",
  grammar,
  resolve: resolveCursor,
  writes: (s) => (s.cursorBodyPath ? {} : { [s.cursorParam]: undefined }),
  create: createCursorPaginator,
});
