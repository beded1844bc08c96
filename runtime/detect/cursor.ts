// Detects a body cursor: `next_cursor`, `cursors.next`, `nextPageToken`, `response_metadata.next_cursor`, ...
import type { PageRequest } from "../http/request.ts";
import { resolveCursor } from "../paginators/cursor.ts";
import { cursorParamFor, type CursorParamGuess } from "../vocabulary/cursor-param.ts";
import { cursorKeyRank } from "../vocabulary/cursors.ts";
import { HAS_MORE_NAMES } from "../vocabulary/paging.ts";
import { holdsList, scanBody, type BodyEntry } from "./body-scan.ts";
import type { PaginatorDetection } from "./detection.ts";
import { formatPath } from "./path-format.ts";
import { compareKeys, pickEntry } from "./pick.ts";
import { isBoolean, isCursorLike } from "./values.ts";

const MAX_DEPTH = 4;

/** True for null or "": how cursor APIs say "no further pages" (Slack sends ""). */
const isEndMarker = (value: unknown): boolean => value === null || value === "";

/** 0 for a cursor by name, 1 by place (null or "" allowed), 2 for any other `next*` scalar (dlt's rule), else undefined. */
function strength(entry: BodyEntry, weakAllowed: boolean): number | undefined {
  const rank = cursorKeyRank(entry.name, entry.parentName);
  if (rank !== undefined) return isCursorLike(entry.value, true) || isEndMarker(entry.value) ? rank : undefined;
  return weakAllowed && entry.name.startsWith("next") && isCursorLike(entry.value) ? 2 : undefined;
}

/** The param to send the cursor at `entry` in: the one the request already sends, else guessed from the names. */
function guessParam(entry: BodyEntry, url: URL): CursorParamGuess {
  if (url.searchParams.has(entry.key)) return { param: entry.key, known: true, why: "as the request already sends it" };
  return cursorParamFor(entry.key, entry.keys[entry.keys.length - 2] ?? "");
}

/** A has-more boolean beside the cursor, else at the top level. */
function hasMoreFor(entries: readonly BodyEntry[], cursor: BodyEntry): BodyEntry | undefined {
  const flags = entries.filter((e) => e.parent === cursor.parent || e.depth === 1);
  return pickEntry(flags, HAS_MORE_NAMES, isBoolean, cursor.parent);
}

/**
 * cursor on the best cursor-like body value (cursors by name, then by place, then shallowest); any other `next*`
 * scalar counts only when the body holds a list. Undefined when there is none.
 */
export function detectCursor(request: PageRequest, body: unknown): PaginatorDetection | undefined {
  const entries = scanBody(body, MAX_DEPTH);
  const weakAllowed = holdsList(body);
  let best: BodyEntry | undefined;
  let bestKey: readonly number[] = [];
  for (const entry of entries) {
    const rank = strength(entry, weakAllowed);
    if (rank === undefined) continue;
    const key = [rank, entry.depth, entry.order];
    if (best === undefined || compareKeys(key, bestKey) < 0) {
      best = entry;
      bestKey = key;
    }
  }
  if (best === undefined) return undefined;
  const strong = bestKey[0] !== 2;
  const path = formatPath(best.keys);
  const guess = guessParam(best, request.url);
  const hasMore = hasMoreFor(entries, best);
  const state = isEndMarker(best.value) ? ` (${best.value === null ? "null" : "empty"} on this page: no further pages yet)` : "";
  const notes = [`\`${path}\` holds the next cursor${state}${strong ? "" : " (by its `next` prefix only)"}`, `param \`${guess.param}\` ${guess.why}`];
  if (hasMore !== undefined) notes.push(`more pages while \`${formatPath(hasMore.keys)}\` is true`);
  return {
    spec: resolveCursor({
      type: "cursor",
      cursor_path: path,
      cursor_param: guess.param,
      ...(hasMore === undefined ? {} : { has_more_path: formatPath(hasMore.keys) }),
    }),
    reason: `cursor paging: ${notes.join("; ")}`,
    confident: strong && guess.known,
  };
}
