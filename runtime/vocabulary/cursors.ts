// Names of cursor paging: the params that send a cursor, the body keys that hold the next one, the
// params that take the last record's id, and the response headers that carry a cursor.
import { joinLists, nameList, normalizeName } from "./names.ts";
import { OFFSET_NAMES, PAGE_PARAM_NAMES, PAGING_OBJECT_NAMES } from "./paging.ts";

/** Query params that send an opaque cursor. */
export const CURSOR_PARAM_NAMES = nameList(
  "cursor",
  "after",
  "starting_after",
  "page_token",
  "next_page_token",
  "continuation",
  "continuation_token",
  "marker",
  "token",
  "next_token",
  "pagination_token",
  "next_cursor",
  "page_cursor",
  "start_cursor",
);

/** Params a body cursor is commonly sent back in: the cursor params, and page or offset params (Stripe search, Asana). */
export const CURSOR_CARRIER_NAMES = joinLists(CURSOR_PARAM_NAMES, PAGE_PARAM_NAMES, OFFSET_NAMES);

/** Query params that take the id of the last record seen, paging forward (Stripe's `starting_after`). */
export const LAST_ID_PARAM_NAMES = nameList("starting_after", "after", "after_id");

/** Body keys that are next-page cursors by name alone (besides `next` + a cursor param name, see isNextCursorName). */
export const NEXT_CURSOR_NAMES = nameList("next_cursor", "next_page_token", "next_token", "next_marker", "next_page_cursor", "next_offset", "end_cursor");

/** Objects whose `next` or `after` holds the next cursor (`cursors.next`, `cursor.after`). */
export const CURSOR_CONTAINER_NAMES = nameList("cursor", "cursors");

/** Response headers carrying the next cursor (`X-Next-Cursor`, `Next-Page-Token`, `Cursor`). */
export const NEXT_CURSOR_HEADER = /^x?-?(next-?(cursor|page-?token|token)|cursor)$/i;

/** True for a body key that names the next cursor: a next-cursor name, or `next` + a cursor param name (`nextPageToken`, `next_starting_after`). */
export function isNextCursorName(name: string): boolean {
  const normal = normalizeName(name);
  return NEXT_CURSOR_NAMES.has(normal) || (normal.startsWith("next") && CURSOR_PARAM_NAMES.has(normal.slice(4)));
}

/**
 * True for a key whose place says it holds the next cursor: `next`/`after` in a `cursor(s)` object, a
 * cursor param name in a `next` object (`paging.next.after`, `pages.next.starting_after`), a `cursor`
 * in a paging object (Twitch's `pagination.cursor`; a top-level `cursor` may echo the one sent).
 */
export function isPlacedCursor(name: string, parentName: string): boolean {
  if (CURSOR_CONTAINER_NAMES.has(parentName)) return ["next", "after"].includes(normalizeName(name));
  if (PAGING_OBJECT_NAMES.has(parentName)) return normalizeName(name) === "cursor";
  return normalizeName(parentName) === "next" && CURSOR_PARAM_NAMES.has(name);
}

/**
 * How surely a body key holds the next cursor: 0 by its name, 1 by its place (a `pagination` object
 * may hold `cursor` beside `next_cursor`), undefined when neither says so. `parentName`: "" at the top level.
 */
export function cursorKeyRank(name: string, parentName: string): 0 | 1 | undefined {
  if (isNextCursorName(name)) return 0;
  return isPlacedCursor(name, parentName) ? 1 : undefined;
}
