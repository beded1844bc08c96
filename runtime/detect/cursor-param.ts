// Guesses the query param that sends a body cursor back: `next_cursor` → `cursor`, `nextPageToken` → `pageToken`.
import { CURSOR_CARRIER_NAMES, CURSOR_CONTAINER_NAMES, NEXT_CHILD_CURSOR_NAMES } from "../vocabulary/cursors.ts";
import type { BodyEntry } from "./body-scan.ts";

/** A guessed cursor param; `known` when it follows a well-known convention or the request already sends it. */
export interface CursorParamGuess {
  readonly param: string;
  readonly known: boolean;
  /** Why this name, for the reason sentence. */
  readonly why: string;
}

/** The query param to send the cursor at `entry` in, guessed from its key (and the request's params). */
export function guessCursorParam(entry: BodyEntry, url: URL): CursorParamGuess {
  if (url.searchParams.has(entry.key)) return { param: entry.key, known: true, why: "as the request already sends it" };
  if (CURSOR_CONTAINER_NAMES.has(entry.parentName)) {
    const param = entry.name === "after" ? "after" : "cursor";
    return { param, known: true, why: `as usual for \`${entry.parentName}.${entry.key}\`` };
  }
  if (entry.parentName === "next" && NEXT_CHILD_CURSOR_NAMES.has(entry.name)) {
    return { param: entry.key, known: true, why: "as named in the next-page object" };
  }
  if (entry.name === "endcursor") return { param: "after", known: true, why: "as Relay's `endCursor` goes to `after`" };
  const rest = /^next[_-]?(.*)$/i.exec(entry.key)?.[1] ?? "";
  if (rest === "") return { param: "cursor", known: false, why: "guessed" };
  // camelCase `nextPageToken` → `pageToken`; PascalCase `NextPageToken` → `PageToken`; snake_case kept.
  const param = entry.key.startsWith("next") ? `${rest.charAt(0).toLowerCase()}${rest.slice(1)}` : rest;
  if (CURSOR_CARRIER_NAMES.has(param)) {
    return { param, known: true, why: `named after the key \`${entry.key}\`` };
  }
  return { param: "cursor", known: false, why: `guessed (\`${param}\`, from the key \`${entry.key}\`, is not a usual cursor param)` };
}
