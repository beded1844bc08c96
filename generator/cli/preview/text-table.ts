// Plain-text tables for the preview: aligned columns, cells cut to a width, values shown as JSON.
import { stringifyJson } from "../../../runtime/json/stringify.ts";

/** A cell for `value`: strings as they are, everything else as JSON, control characters escaped, cut at `width` with `…`. */
export function cell(value: unknown, width: number): string {
  const text = value === undefined ? "" : typeof value === "string" ? value : (stringifyJson(value) ?? String(value));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return flat.length > width ? `${flat.slice(0, Math.max(1, width - 1))}…` : flat;
}

/** Rows (the first is the header) as aligned lines, each prefixed by `indent`; trailing spaces trimmed. */
export function textTable(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, c] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, c.length);
  }
  return rows.map((row) => `${indent}${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd());
}
