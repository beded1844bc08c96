// Staged rows as CSV text for DuckDB's `read_csv`: the load ordinal first, then one cell per staged
// column. The dialect is fixed and never sniffed: `,` between cells, `"` quotes every string (an
// embedded `"` doubled), so newlines, NUL, delimiters and the empty string travel verbatim, and NULL is
// the one cell left empty and unquoted (read with `nullstr = ''` and `allow_quoted_nulls = false`).
// Numbers are written exactly: integers as their digits, doubles as JavaScript's shortest round-trip
// text, decimals as their own text. Pure: no I/O.
import type { DataType } from "../../connector.ts";
import type { RowBatch, Scalar } from "../destination.ts";
import { jsonEscapeProblem } from "../json-escapes.ts";
import { decimalProblem } from "./types.ts";

/** A value its staging column cannot take: which column (index into `types`), which row, and why. */
export class CellError extends Error {
  constructor(
    readonly column: number,
    readonly seq: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/** One batch encoded: its text and the longest line in UTF-16 units (bounds `max_line_size`). */
export interface EncodedRows {
  readonly text: string;
  readonly longest: number;
}

/**
 * Encodes `batch` as CSV lines: ordinal `firstSeq + i`, then for staging column `s` the batch's column
 * `source[s]` (-1: absent, NULL) checked against `types[s]`. Throws a CellError for a value its column
 * cannot hold (a JS type that does not fit, a decimal DECIMAL(38,9) would round).
 */
export function encodeRows(batch: RowBatch, source: readonly number[], types: readonly DataType[], firstSeq: number): EncodedRows {
  // One flat string per line, joined once: appending lines to one string would build a rope of every
  // cell, and ropes that live until the batch is written cost more in garbage collection than the rest.
  const lines: string[] = new Array(batch.rows.length + 1);
  let longest = 0;
  let seq = firstSeq;
  for (const row of batch.rows) {
    let line = String(seq);
    for (let s = 0; s < types.length; s++) {
      const j = source[s] as number;
      const value = j < 0 ? null : (row[j] ?? null);
      if (value === null) {
        line += ",";
        continue;
      }
      // Hot: the common cells inline (encoding a third faster at a million rows than a call and a template
      // per cell); the rest, and every refusal, through `cell`.
      const type = types[s] as DataType;
      if (typeof value === "string" && (type === "text" || type === "timestamp" || type === "date" || type === "time")) {
        line += "," + quoted(value);
      } else if (typeof value === "number" && (type === "bigint" ? Number.isSafeInteger(value) : type === "double" && Number.isFinite(value) && value !== 0)) {
        line += "," + value;
      } else line += "," + cell(type, value, s, seq);
    }
    if (line.length > longest) longest = line.length;
    lines[seq - firstSeq] = line;
    seq++;
  }
  lines[batch.rows.length] = ""; // the last line's newline
  return { text: lines.join("\n"), longest };
}

/** One non-null value as a CSV cell of its staging type. */
function cell(type: DataType, value: Exclude<Scalar, null>, column: number, seq: number): string {
  switch (type) {
    case "bigint":
      if (typeof value === "bigint" || (typeof value === "number" && Number.isSafeInteger(value))) return String(value);
      break;
    case "double":
      if (typeof value === "number") return doubleText(value);
      if (typeof value === "bigint") return doubleText(Number(value));
      break;
    case "bool":
      if (typeof value === "boolean") return value ? "true" : "false";
      break;
    case "decimal": {
      if (typeof value === "boolean") break;
      const text = String(value);
      // DuckDB's cast from text would round what DECIMAL(38,9) cannot hold: refuse it instead.
      const problem = decimalProblem(text);
      if (problem !== null) throw new CellError(column, seq, `holds ${problem}`);
      return text;
    }
    case "json":
      if (typeof value !== "string") break;
      if (jsonEscapeProblem(value, true) !== null)
        throw new CellError(column, seq, "contains a lone UTF-16 surrogate escape, which DuckDB's JSON cannot store");
      return quoted(value);
    default:
      if (typeof value === "string") return quoted(value);
  }
  throw new CellError(column, seq, `holds a ${typeof value}`);
}

/** A string cell: always quoted, embedded quotes doubled. */
function quoted(value: string): string {
  return value.includes('"') ? '"' + value.replaceAll('"', '""') + '"' : '"' + value + '"';
}

/** A double as DuckDB reads it back bit for bit (JS prints the shortest text that round-trips). */
function doubleText(value: number): string {
  if (Number.isFinite(value)) return Object.is(value, -0) ? "-0.0" : String(value);
  if (Number.isNaN(value)) return "nan";
  return value > 0 ? "inf" : "-inf";
}
