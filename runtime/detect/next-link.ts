// Detects a next-page URL in the JSON body: `next`, `links.next`, `_links.next.href`, `@odata.nextLink`, ...
import { isPlainObject, scanBody, type BodyEntry } from "./body-scan.ts";
import type { PaginatorDetection } from "./detection.ts";
import { formatPath } from "./path-format.ts";
import { isAbsoluteUrl, isUrlLike } from "./values.ts";

const MAX_DEPTH = 5;

/** Keys not starting with `next` that hold next links (OData v4, v3 and v2). */
const EXTRA_LINK_NAMES = new Set(["@odata.nextlink", "odata.nextlink", "__next"]);

/** Keys of an object value that hold its URL (`_links.next.href`, Asana's `next_page.uri`). */
const URL_CHILD_NAMES = new Set(["href", "url", "uri", "link"]);

/** Next-link keys that still mean "link" when null (the last page): the name says URL or link. */
const NULL_LINK_NAMES = new Set([
  "nextlink", "next_link", "next_url", "nexturl", "next_page_url", "nextpageurl", "next_page_link", "nextpagelink",
  "next_href", "@odata.nextlink", "odata.nextlink", "__next",
]);

/** Sibling keys that mark a bare `next: null` as a link (DRF's `next`/`previous`). */
const PREVIOUS_NAMES = new Set(["previous", "prev", "previous_url", "prev_url", "previouslink", "prevlink", "previous_page_url", "prev_page_url"]);

/** Objects whose `next` is a link (JSON:API `links`, HAL `_links`, Front `_pagination`). */
const LINK_CONTAINERS = new Set(["links", "_links", "_pagination"]);

/** Keys named as cursors: their values are links only when absolute (a base64 cursor may start with `/`). */
const CURSOR_WORDS = /cursor|token|marker|offset|id$/;

function isNextName(name: string): boolean {
  return name.startsWith("next") || EXTRA_LINK_NAMES.has(name);
}

/** The path of the URL held by `entry` (itself, or a href/url/uri/link child), or undefined. */
function urlPath(entry: BodyEntry): { keys: readonly string[]; child: string | null } | undefined {
  const isLink = CURSOR_WORDS.test(entry.name) ? isAbsoluteUrl : isUrlLike;
  if (isLink(entry.value)) return { keys: entry.keys, child: null };
  if (!isPlainObject(entry.value)) return undefined;
  for (const [key, value] of Object.entries(entry.value)) {
    const name = key.toLowerCase();
    const urlKey = URL_CHILD_NAMES.has(name) || name.startsWith("href") || name.startsWith("url");
    if (urlKey && isUrlLike(value)) return { keys: [...entry.keys, key], child: key };
  }
  return undefined;
}

function isNullLink(entry: BodyEntry): boolean {
  if (entry.value !== null) return false;
  if (NULL_LINK_NAMES.has(entry.name)) return true;
  if (entry.name !== "next") return false;
  return LINK_CONTAINERS.has(entry.parentName) || Object.keys(entry.parent).some((key) => PREVIOUS_NAMES.has(key.toLowerCase()));
}

function byDepth(a: BodyEntry, b: BodyEntry): number {
  return a.depth - b.depth || a.order - b.order;
}

/** json_link on the shallowest next-page URL in the body (a null link-named key counts); else undefined. */
export function detectNextLink(body: unknown): PaginatorDetection | undefined {
  const entries = scanBody(body, MAX_DEPTH).filter((entry) => isNextName(entry.name)).sort(byDepth);
  for (const entry of entries) {
    const found = urlPath(entry);
    if (found === undefined) continue;
    const path = formatPath(found.keys);
    const value = entry.value;
    const relative = typeof value === "string" && !isAbsoluteUrl(value);
    const where =
      found.child === null
        ? `\`${path}\` holds the next page's URL${relative ? " (a relative link, resolved against the request URL)" : ""}`
        : `\`${formatPath(entry.keys)}\` is an object whose \`${found.child}\` holds the next page's URL, so the path is \`${path}\``;
    const others = isPlainObject(value) ? Object.keys(value).filter((key) => key !== found.child) : [];
    const ignored = others.length > 0 ? `; its other fields (${others.map((key) => `\`${key}\``).join(", ")}) are not needed` : "";
    return { spec: { type: "json_link", nextUrlPath: path }, reason: `${where}${ignored}`, confident: true };
  }
  const last = entries.find(isNullLink);
  if (last === undefined) return undefined;
  const path = formatPath(last.keys);
  return {
    spec: { type: "json_link", nextUrlPath: path },
    reason: `\`${path}\` is a next-page link field, null on this page (no further pages yet)`,
    confident: true,
  };
}
