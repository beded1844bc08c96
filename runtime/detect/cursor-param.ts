// Guesses the query param that sends a body cursor back: `next_cursor` → `cursor`, `nextPageToken` → `pageToken`.
import type { BodyEntry } from "./body-scan.ts";

/** A guessed cursor param; `known` when it follows a well-known convention or the request already sends it. */
export interface CursorParamGuess {
  readonly param: string;
  readonly known: boolean;
  /** Why this name, for the reason sentence. */
  readonly why: string;
}

/** Param names (lower-cased, without `_`/`-`) that are common cursor params. */
const KNOWN_PARAMS = new Set([
  "cursor", "pagetoken", "token", "page", "marker", "after", "startingafter", "offset", "continuationtoken",
  "continuation", "start", "startcursor", "pagecursor",
]);

const CURSOR_CONTAINERS = new Set(["cursor", "cursors"]);
const NEXT_CHILDREN = new Set(["after", "starting_after", "cursor"]);

/** The query param to send the cursor at `entry` in, guessed from its key (and the request's params). */
export function guessCursorParam(entry: BodyEntry, url: URL): CursorParamGuess {
  if (url.searchParams.has(entry.key)) return { param: entry.key, known: true, why: `the request already sends \`${entry.key}\`` };
  if (CURSOR_CONTAINERS.has(entry.parentName)) {
    const param = entry.name === "after" ? "after" : "cursor";
    return { param, known: true, why: `usual for a \`${entry.parentName}.${entry.key}\` cursor` };
  }
  if (entry.parentName === "next" && NEXT_CHILDREN.has(entry.name)) {
    return { param: entry.key, known: true, why: "the param echoed by the next-page object" };
  }
  if (entry.name === "endcursor") return { param: "after", known: true, why: "`endCursor` goes to `after` (Relay style)" };
  const rest = /^next[_-]?(.*)$/i.exec(entry.key)?.[1] ?? "";
  if (rest === "") return { param: "cursor", known: false, why: "guessed" };
  // camelCase `nextPageToken` → `pageToken`; PascalCase `NextPageToken` → `PageToken`; snake_case kept.
  const param = entry.key.startsWith("next") ? `${rest.charAt(0).toLowerCase()}${rest.slice(1)}` : rest;
  if (KNOWN_PARAMS.has(param.toLowerCase().replace(/[_-]/g, ""))) {
    return { param, known: true, why: `from the key \`${entry.key}\`` };
  }
  return { param: "cursor", known: false, why: `guessed (\`${param}\` from the key \`${entry.key}\` is not a usual cursor param)` };
}
