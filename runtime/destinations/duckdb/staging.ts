// A load's staged rows of one table, spooled to CSV files until the commit reads them back through a
// TEMP view over DuckDB's `read_csv`. Rows go to disk as they come (memory stays bounded at any row
// count) and cost JavaScript one string per row instead of one driver call per value (the Appender).
// An append or replace reads the files once, straight into the target: staging into a table wrote
// every row twice. (A merge reads them once too, into its deduplicated table: see commit.ts.)
//
// A spool file has fixed columns: a batch that brings a new column starts a new file (a segment); the
// view reads each segment with its own `read_csv` (see #select), the columns it predates NULL. The
// view is (re)created by `finish`, before the commit reads it; `drop` removes the view and the files.
// Crash safety: the files are leftovers the next open of the database deletes; nothing reaches a
// target before commit.
import { type FileHandle, open, rm } from "node:fs/promises";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DestinationError } from "../../errors.ts";
import type { ColumnSpec, DataType } from "../../connector.ts";
import type { RowBatch } from "../destination.ts";
import { quoteIdent } from "../sql.ts";
import { KeyOrder } from "../key-order.ts";
import { SEQ_COLUMN, StagedColumns } from "../staged-columns.ts";
import { CellError, encodeRows } from "./csv-rows.ts";
import type { SpoolDir } from "./spool.ts";
import { stagingType } from "./types.ts";

/** Encoded bytes buffered before they are written to the spool file. */
const WRITE_BYTES = 1 << 20;

/** Spool files read one `read_csv` each; more are read by name in one (see #select). */
const MAX_READS = 16;

/** `read_csv`'s default longest line (bytes); a longer spooled row raises the limit for the read. */
const DEFAULT_MAX_LINE = 2_097_152;

/** One spool file: the staging columns it carries (a prefix of the table's) and its longest line. */
interface Segment {
  readonly file: string;
  readonly columns: number;
  longest: number;
}

/** The open spool file and the encoded batches not yet written to it (UTF-8, outside the JS heap). */
interface OpenSegment {
  readonly segment: Segment;
  readonly handle: FileHandle;
  pending: Buffer[];
  bytes: number;
}

/** Staged rows of one table load. */
export class Staging {
  readonly #conn: DuckDBConnection;
  readonly #spool: SpoolDir;
  readonly #label: string;
  readonly #columns: StagedColumns;
  readonly #keys: KeyOrder | null;
  readonly #segments: Segment[] = [];
  #open: OpenSegment | null = null;
  #rows = 0;
  #bytes = 0;

  private constructor(
    conn: DuckDBConnection,
    spool: SpoolDir,
    readonly name: string,
    label: string,
    keys: readonly string[],
  ) {
    this.#conn = conn;
    this.#spool = spool;
    this.#label = label;
    this.#columns = new StagedColumns(label);
    this.#keys = keys.length === 0 ? null : new KeyOrder(keys);
  }

  /**
   * Staging for the table labelled `label` (in errors), starting with `columns`; `name` names its view and
   * files; `keys`, the dedup key of a keyed merge, are watched for order (see distinctKeys).
   */
  static create(conn: DuckDBConnection, spool: SpoolDir, name: string, label: string, columns: readonly ColumnSpec[], keys: readonly string[] = []): Staging {
    const staging = new Staging(conn, spool, name, label, keys);
    staging.#columns.admit(columns);
    return staging;
  }

  /** The view of the staged rows in SQL (valid after `finish`). */
  get ref(): string {
    return `temp.main.${quoteIdent(this.name)}`;
  }

  /** Columns staged so far, in table order (without the ordinal). */
  get columns(): readonly ColumnSpec[] {
    return this.#columns.list;
  }

  /** Rows staged so far. */
  get rowCount(): number {
    return this.#rows;
  }

  /** Bytes of encoded rows spooled so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Whether the watched keys are proven distinct (see StagedRows.distinctKeys). */
  get distinctKeys(): boolean {
    return this.#keys?.distinct ?? false;
  }

  /** The read buffer `read_csv` needs for the longest spooled line (bytes). */
  get readBytes(): number {
    return Math.max(0, ...this.#segments.map((s) => readBuffer(s.longest)));
  }

  /** Adds the batch's new columns (a new column starts a new spool file), then spools its rows. */
  async write(batch: RowBatch): Promise<void> {
    try {
      if (this.#columns.admit(batch.columns).length > 0) await this.#close(); // a file's columns are fixed
      if (batch.rows.length === 0) return;
      const types = this.#columns.list.map((c) => c.dataType);
      const { text, longest } = this.#encode(batch, this.#columns.sources(batch), types);
      this.#keys?.observe(batch, this.#columns.types);
      const open = this.#open ?? (await this.#start());
      open.segment.longest = Math.max(open.segment.longest, longest);
      const bytes = Buffer.from(text, "utf8");
      open.pending.push(bytes);
      open.bytes += bytes.length;
      this.#bytes += bytes.length;
      this.#rows += batch.rows.length;
      if (open.bytes >= WRITE_BYTES) await this.#flush(open);
    } catch (error) {
      // The load fails (only abort remains): its files go now.
      await this.drop();
      throw error;
    }
  }

  /** Writes out the open file and creates the view over every file: before the commit reads the rows. */
  async finish(): Promise<void> {
    await this.#close();
    await this.#conn.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(this.name)} AS ${this.#select()}`);
  }

  /** Drops the view and deletes the spool files; never throws (the next open deletes leftovers). */
  async drop(): Promise<void> {
    const open = this.#open;
    this.#open = null;
    await open?.handle.close().catch(() => undefined);
    await this.#conn.run(`DROP VIEW IF EXISTS ${this.ref}`).catch(() => undefined);
    for (const { file } of this.#segments.splice(0)) await rm(file, { force: true }).catch(() => undefined);
  }

  #encode(batch: RowBatch, source: readonly number[], types: readonly DataType[]) {
    try {
      return encodeRows(batch, source, types, this.#rows);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      const column = this.#columns.list[error.column];
      const detail = error.problem.startsWith("holds a ")
        ? `is ${column?.dataType} but row ${error.seq} ${error.problem}`
        : `row ${error.seq} ${error.problem}; the load is refused and nothing was applied`;
      throw new DestinationError(`${this.#label}: column "${column?.name}" ${detail}`);
    }
  }

  async #start(): Promise<OpenSegment> {
    const file = await this.#spool.file(this.name);
    const handle = await open(file, "wx", 0o600);
    const segment: Segment = { file, columns: this.#columns.list.length, longest: 0 };
    this.#segments.push(segment);
    // The header names the file's columns by position in the staging order (`c0` the ordinal), so
    // the read names each file's columns by position too; real names never enter the file.
    const header = Buffer.from(`${Array.from({ length: segment.columns + 1 }, (_, i) => `c${i}`).join(",")}\n`);
    this.#open = { segment, handle, pending: [header], bytes: header.length };
    return this.#open;
  }

  async #flush(open: OpenSegment): Promise<void> {
    if (open.pending.length === 0) return;
    const buffers = open.pending;
    open.pending = [];
    open.bytes = 0;
    await open.handle.writev(buffers);
  }

  /** Writes out and closes the open file, if any. */
  async #close(): Promise<void> {
    const open = this.#open;
    if (open === null) return;
    this.#open = null;
    try {
      await this.#flush(open);
    } finally {
      await open.handle.close();
    }
  }

  /**
   * Every segment; columns no file has are NULL; no rows when nothing was spooled. Each segment is
   * one `read_csv` naming its columns (those it predates read as NULL), joined by UNION ALL:
   * `union_by_name` reads each file's schema every time a statement over the view is bound (40–60 ms
   * for a 15 MB file, about six binds per commit) and reads the rows at half the speed. Past
   * MAX_READS segments (a load whose batches keep bringing columns) the statement would grow with
   * segments × columns, so one `read_csv` lines all files up by name instead.
   */
  #select(): string {
    const names = [SEQ_COLUMN, ...this.#columns.list.map((c) => c.name)];
    const types = ["BIGINT", ...this.#columns.list.map((c) => stagingType(c.dataType))];
    if (this.#segments.length === 0) return `SELECT ${names.map((n, i) => `CAST(NULL AS ${types[i]}) AS ${quoteIdent(n)}`).join(", ")} WHERE false`;
    const read = (segments: readonly Segment[], byName: boolean) => {
      const width = Math.max(...segments.map((s) => s.columns)) + 1;
      const cells = names.map((n, i) => `${i < width ? `c${i}` : `CAST(NULL AS ${types[i]})`} AS ${quoteIdent(n)}`).join(", ");
      const files = segments.map((s) => literal(s.file)).join(", ");
      const typed = types
        .slice(0, width)
        .map((t, i) => `'c${i}': '${t}'`)
        .join(", ");
      const longest = Math.max(...segments.map((s) => s.longest));
      const options =
        `header = true, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, ` +
        `auto_detect = false, max_line_size = ${maxLineBytes(longest)}, buffer_size = ${readBuffer(longest)}`;
      const columns = byName ? `types = {${typed}}, union_by_name = true` : `columns = {${typed}}`;
      return `SELECT ${cells} FROM read_csv([${files}], ${columns}, ${options})`;
    };
    if (this.#segments.length > MAX_READS) return read(this.#segments, true);
    return this.#segments.map((segment) => read([segment], false)).join(" UNION ALL ");
  }
}

/** `read_csv`'s longest line for a file whose longest line has `longest` UTF-16 units (UTF-8: 3 bytes each at most). */
function maxLineBytes(longest: number): number {
  return Math.max(DEFAULT_MAX_LINE, longest * 3 + 1024);
}

/** The read buffer for such a file: it must exceed the longest line; DuckDB's default (16 × max_line_size) costs 32 MB per thread. */
function readBuffer(longest: number): number {
  return 2 * maxLineBytes(longest);
}

/** A file path as an SQL string literal (`'` doubled); only the spool's own paths are spliced. */
function literal(path: string): string {
  if (path.includes("\0")) throw new DestinationError(`spool path ${JSON.stringify(path)} contains a NUL character`);
  return `'${path.replaceAll("'", "''")}'`;
}
