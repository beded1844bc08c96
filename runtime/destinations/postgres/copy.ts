// Rows in COPY's text format, checked before a byte is sent. NUL policy: Postgres text and jsonb cannot
// hold U+0000 (nor jsonb the `\u0000` escape, nor a lone surrogate escape such as `\ud800`), so such a
// value fails the load with an error naming the table, column and row, before anything is staged or
// applied. Nothing is stripped or replaced silently. (A lone surrogate in text becomes U+FFFD, as UTF-8
// has no encoding for it: the same as in DuckDB.)
import { DestinationError } from "../../errors.ts";
import type { DataType } from "../../connector.ts";
import type { Scalar } from "../destination.ts";
import { jsonEscapeProblem } from "../json-escapes.ts";

/** Where values come from and how they are checked: one entry per staged column. */
export interface CopyColumn {
  readonly name: string;
  readonly type: DataType;
  /** Index in the batch's row arrays; -1 when the batch lacks the column (always NULL). */
  readonly source: number;
}

/** Encodes `rows` as COPY text lines, the first column being the ordinal from `firstSeq`; throws on a bad value. */
export function encodeRows(label: string, columns: readonly CopyColumn[], rows: readonly (readonly Scalar[])[], firstSeq: number): string[] {
  const chunks: string[] = [];
  let chunk = "";
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as readonly Scalar[];
    const seq = firstSeq + i;
    let line = String(seq);
    for (const col of columns) {
      const value = col.source < 0 ? null : (row[col.source] ?? null);
      line += "\t";
      line += value === null ? "\\N" : escapeText(encodeValue(label, col, value, seq));
    }
    chunk += `${line}\n`;
    if (chunk.length >= 1 << 20) {
      chunks.push(chunk);
      chunk = "";
    }
  }
  if (chunk !== "") chunks.push(chunk);
  return chunks;
}

/**
 * One non-null value as text for its staging type; DestinationError for a wrong JS type or a NUL.
 * Hot (once per value): no closures or allocations beyond the result string.
 */
function encodeValue(label: string, col: CopyColumn, value: Exclude<Scalar, null>, seq: number): string {
  switch (col.type) {
    case "bigint":
      if (typeof value === "bigint" || (typeof value === "number" && Number.isSafeInteger(value))) return String(value);
      throw wrongType(label, col, value, seq);
    case "double":
      if (typeof value === "number" || typeof value === "bigint") return String(Number(value));
      throw wrongType(label, col, value, seq);
    case "bool":
      if (typeof value === "boolean") return value ? "t" : "f";
      throw wrongType(label, col, value, seq);
    case "decimal":
      if (typeof value === "boolean") throw wrongType(label, col, value, seq);
      return String(value);
    default:
      if (typeof value !== "string") throw wrongType(label, col, value, seq);
      if (value.includes("\0")) throw unstorable(label, col, seq, "a NUL character (U+0000), which Postgres text cannot store");
      if (col.type === "json") {
        const problem = jsonEscapeProblem(value);
        if (problem !== null) throw unstorable(label, col, seq, `${problem}, which Postgres jsonb cannot store`);
      }
      return value;
  }
}

function wrongType(label: string, col: CopyColumn, value: Exclude<Scalar, null>, seq: number): DestinationError {
  return new DestinationError(`${label}: column "${col.name}" is ${col.type} but row ${seq} holds a ${typeof value}`);
}

function unstorable(label: string, col: CopyColumn, seq: number, what: string): DestinationError {
  return new DestinationError(
    `${label}: column "${col.name}" row ${seq} contains ${what}; the load is refused and nothing was applied ` +
      `(remove it from the data, e.g. in a processing step)`,
  );
}

/** Escapes a value for COPY's text format: backslash, newline, carriage return and tab. */
function escapeText(text: string): string {
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] as string) : text;
}

const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
