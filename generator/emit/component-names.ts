// Exported identifiers for components: `#/components/schemas/ticket.v2` → `TicketV2Schema`. Words
// keep their inner case (`HTTPError` → `HTTPErrorSchema`); the `Schema` suffix keeps them apart
// from reserved words, `z` and the resources' camelCase schemas. Clashes get `2`, `3`… in `$ref`
// order, so names do not depend on the order components are met.
import { parsePointer, splitRef } from "../openapi/spec/index.ts";

/** The pointer tokens that name the component (`schemas/Pet` → `Pet`; elsewhere the whole pointer). */
function nameTokens(ref: string): string[] {
  const tokens = parsePointer(splitRef(ref).pointer) ?? [];
  if (tokens[0] === "components" && tokens.length >= 3) return tokens[1] === "schemas" ? tokens.slice(2) : tokens.slice(1);
  return tokens;
}

/** PascalCase words of arbitrary text, ASCII letters and digits only. */
export function pascalWords(text: string): string {
  const joined = text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
  if (joined === "") return "Component";
  return /^[0-9]/.test(joined) ? `N${joined}` : joined;
}

/** `$ref` → identifier, unique. */
export function componentIdentifiers(refs: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Map<string, number>();
  for (const ref of [...refs].sort()) {
    const base = `${pascalWords(nameTokens(ref).join(" "))}Schema`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    names.set(ref, n === 1 ? base : `${base}${n}`);
  }
  return names;
}
