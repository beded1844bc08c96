// header_link paginator: the next page's URL comes from the RFC 8288 `Link` response header.
import { z } from "zod";
import { definePaginatorKind } from "./kind.ts";
import { findLink } from "./link-header.ts";
import type { Paginator } from "../hooks.ts";
import { resolveLink } from "./resolve-link.ts";

export interface HeaderLinkSpec {
  readonly type: "header_link";
  readonly linksNextKey: string;
}

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

export const headerLinkKind = definePaginatorKind({
  type: "header_link",
  grammar: { links_next_key: z.string().min(1).optional() },
  resolve: (c): HeaderLinkSpec => ({ type: "header_link", linksNextKey: c.links_next_key || "next" }),
  writes: () => ({}),
  create: createHeaderLinkPaginator,
});
