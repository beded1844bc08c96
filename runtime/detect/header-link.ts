// Detects RFC 8288 `Link` header pagination (GitHub style).
import type { PageResponse } from "../http/request.ts";
import { parseLinkHeader } from "../paginators/link-header.ts";
import type { PaginatorDetection } from "./detection.ts";

const PAGING_RELS = new Set(["prev", "previous", "first", "last"]);

/** header_link when the Link header has rel="next" (or only prev/first/last: the last page); else undefined. */
export function detectHeaderLink(response: PageResponse): PaginatorDetection | undefined {
  const header = response.headers.get("link");
  if (header === null) return undefined;
  const links = parseLinkHeader(header);
  const spec = { type: "header_link", linksNextKey: "next" } as const;
  if (links.some((link) => link.rels.includes("next") && link.uri !== "")) {
    return { spec, reason: 'the `Link` header has a rel="next" link', confident: true };
  }
  const rels = [...new Set(links.flatMap((link) => link.rels.filter((rel) => PAGING_RELS.has(rel))))];
  if (rels.length === 0) return undefined;
  return {
    spec,
    reason: `the \`Link\` header has paging links (rel ${rels.map((rel) => `"${rel}"`).join(", ")}) but no rel="next": this is the last page`,
    confident: true,
  };
}
