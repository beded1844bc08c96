// json_link paginator: the next page's URL is read from the JSON body.
import { PaginationError } from "../errors.ts";
import { describeValue } from "../select/describe.ts";
import { compilePath } from "../select/jsonpath.ts";
import { jsonPath } from "../grammar.ts";
import { definePaginatorKind } from "./kind.ts";
import type { Paginator } from "../hooks.ts";
import { resolveLink } from "./resolve-link.ts";

export interface JsonLinkSpec {
  readonly type: "json_link";
  readonly nextUrlPath: string;
}

const WHO = "json_link paginator";

/** Creates a json_link paginator: stops when the link is missing, null or empty; the link replaces the URL. */
export function createJsonLinkPaginator(spec: JsonLinkSpec): Paginator {
  const findNext = compilePath(spec.nextUrlPath);
  return {
    first: (request) => request,
    next(request, response) {
      const link = findNext(response.body)[0];
      if (link === undefined || link === null) return undefined;
      if (typeof link !== "string") {
        throw new PaginationError(`${WHO}: next_url_path \`${spec.nextUrlPath}\` holds a ${describeValue(link)}, expected a URL string`);
      }
      if (link.trim() === "") return undefined;
      return { ...request, url: resolveLink(link.trim(), request.url, WHO) };
    },
  };
}

export const jsonLinkKind = definePaginatorKind({
  type: "json_link",
  grammar: { next_url_path: jsonPath.optional() },
  resolve: (c): JsonLinkSpec => ({ type: "json_link", nextUrlPath: c.next_url_path || "next" }),
  writes: () => ({}),
  create: createJsonLinkPaginator,
});
