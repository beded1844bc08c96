// Escapes in JSON text that the databases' JSON types refuse although JSON's grammar allows them:
// Postgres jsonb takes neither `\u0000` nor a lone surrogate escape; DuckDB's JSON takes `\u0000` but
// not a lone surrogate. JSON.stringify writes a lone surrogate of a JS string as such an escape.

/** Every backslash escape of a JSON text, in order (outside strings there are none). */
const JSON_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|[^u])/g;

/**
 * What a JSON type would reject in a JSON text: a lone surrogate escape, or (unless `nulAllowed`, as in
 * DuckDB) a `\u0000` escape; null when neither.
 */
export function jsonEscapeProblem(text: string, nulAllowed = false): string | null {
  if (!text.includes("\\u")) return null;
  const lone = "a lone UTF-16 surrogate escape";
  let highEnd = -1; // where the last high-surrogate escape ended, while it awaits its low half
  for (const m of text.matchAll(JSON_ESCAPE)) {
    const hex = m[1];
    const code = hex === undefined ? -1 : parseInt(hex, 16);
    if (code === 0 && !nulAllowed) return "a NUL escape (\\u0000)";
    const isLow = code >= 0xdc00 && code <= 0xdfff;
    if (highEnd >= 0 ? !(isLow && m.index === highEnd) : isLow) return lone;
    highEnd = code >= 0xd800 && code <= 0xdbff ? m.index + 6 : -1;
  }
  return highEnd >= 0 ? lone : null;
}
