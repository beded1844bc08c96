// header_link paginator: the next page's URL comes from the RFC 8288 `Link` response header.
import type { PaginatorSpec } from "../spec.ts";
import { findLink } from "./link-header.ts";
import type { Paginator } from "./paginator.ts";
import { resolveLink } from "./resolve-link.ts";

export type HeaderLinkSpec = Extract<PaginatorSpec, { type: "header_link" }>;

/** Creates a header_link paginator: follows the link with rel `linksNextKey`; stops when there is none. */
export function createHeaderLinkPaginator(spec: HeaderLinkSpec): Paginator {
  return {
    first: (request) => request,
    next(request, response) {
      const header = response.headers.get("link");
      if (header === null) return undefined;
      const link = findLink(header, spec.linksNextKey);
      if (link === undefined || link === "") return undefined;
      return { ...request, url: resolveLink(link, request.url, "header_link paginator") };
    },
  };
}
