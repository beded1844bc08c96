// Detects a next-page URL in the JSON body: `next`, `links.next`, `_links.next.href`, `@odata.nextLink`, ...
import { normalizeName } from "../vocabulary/names.ts";
import { LINK_CONTAINER_NAMES, NEXT_URL_NAMES, ODATA_V2_NEXT_KEY, PREVIOUS_URL_NAMES, URL_CHILD_NAMES } from "../vocabulary/links.ts";
import { isPlainObject, scanBody, type BodyEntry } from "./body-scan.ts";
import type { PaginatorDetection } from "./detection.ts";
import { formatPath } from "./path-format.ts";
import { isAbsoluteUrl, isUrlLike } from "./values.ts";

const MAX_DEPTH = 5;

/** Keys named as cursors: their values are links only when absolute (a base64 cursor may start with `/`). */
const CURSOR_WORDS = /cursor|token|marker|offset|id$/;

/** `next…` keys, and the next-link names that do not start with `next` (`@odata.nextLink`, OData v2's `__next`). */
function isNextName(name: string): boolean {
  return name.startsWith("next") || NEXT_URL_NAMES.has(name);
}

/** The path of the URL held by `entry` (itself, or a href/url/uri/link child), or undefined. */
function urlPath(entry: BodyEntry): { keys: readonly string[]; child: string | null } | undefined {
  const isLink = CURSOR_WORDS.test(entry.name) ? isAbsoluteUrl : isUrlLike;
  if (isLink(entry.value)) return { keys: entry.keys, child: null };
  if (!isPlainObject(entry.value)) return undefined;
  for (const [key, value] of Object.entries(entry.value)) {
    const name = normalizeName(key);
    const urlKey = URL_CHILD_NAMES.has(name) || name.startsWith("href") || name.startsWith("url");
    if (urlKey && isUrlLike(value)) return { keys: [...entry.keys, key], child: key };
  }
  return undefined;
}

function isNullLink(entry: BodyEntry): boolean {
  if (entry.value !== null) return false;
  // A key named as a link is one even when null (the last page); a bare `next` only among links.
  if (entry.name !== "next") return NEXT_URL_NAMES.has(entry.name);
  if (entry.key === ODATA_V2_NEXT_KEY) return true;
  return LINK_CONTAINER_NAMES.has(entry.parentName) || Object.keys(entry.parent).some((key) => PREVIOUS_URL_NAMES.has(key));
}

function byDepth(a: BodyEntry, b: BodyEntry): number {
  return a.depth - b.depth || a.order - b.order;
}

/** json_link on the shallowest next-page URL in the body (a null link-named key counts); else undefined. */
export function detectNextLink(body: unknown): PaginatorDetection | undefined {
  const entries = scanBody(body, MAX_DEPTH)
    .filter((entry) => isNextName(entry.name))
    .sort(byDepth);
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
