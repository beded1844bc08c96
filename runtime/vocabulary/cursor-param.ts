// The query param a body cursor is sent back in, guessed from the cursor's key: `next_cursor` →
// `cursor`, `nextPageToken` → `pageToken`, `cursors.after` → `after`, Relay's `endCursor` → `after`.
import { CURSOR_CARRIER_NAMES, CURSOR_CONTAINER_NAMES, CURSOR_PARAM_NAMES } from "./cursors.ts";
import { normalizeName } from "./names.ts";

/** A guessed cursor param; `known` when it follows a well-known convention. */
export interface CursorParamGuess {
  readonly param: string;
  readonly known: boolean;
  /** Why this name, for the reason sentence. */
  readonly why: string;
}

/** The query param for the cursor at `key` inside the object `parentKey` ("" at the top level), guessed from the names alone. */
export function cursorParamFor(key: string, parentKey: string): CursorParamGuess {
  const name = normalizeName(key);
  if (CURSOR_CONTAINER_NAMES.has(parentKey)) {
    return { param: name === "after" ? "after" : "cursor", known: true, why: `as usual for \`${normalizeName(parentKey)}.${key}\`` };
  }
  if (normalizeName(parentKey) === "next" && CURSOR_PARAM_NAMES.has(name)) return { param: key, known: true, why: "as named in the next-page object" };
  if (name === "endcursor") return { param: "after", known: true, why: "as Relay's `endCursor` goes to `after`" };
  const rest = /^next[_-]?(.*)$/i.exec(key)?.[1] ?? "";
  if (rest === "") return { param: "cursor", known: false, why: "guessed" };
  // camelCase `nextPageToken` → `pageToken`; PascalCase `NextPageToken` → `PageToken`; snake_case kept.
  const param = key.startsWith("next") ? `${rest.charAt(0).toLowerCase()}${rest.slice(1)}` : rest;
  if (CURSOR_CARRIER_NAMES.has(param)) return { param, known: true, why: `named after the key \`${key}\`` };
  return { param: "cursor", known: false, why: `guessed (\`${param}\`, from the key \`${key}\`, is not a usual cursor param)` };
}
