// The dataset's tables (their columns) and schemas as last seen, kept while nothing can have changed
// them. The file lock makes this process DuckDB's only writer and every statement runs on one
// connection, so the catalog changes only through statements seen here: DDL naming a table forgets
// it, a rollback or a failed statement (whose transaction may be undone) forgets everything, and so
// does any SQL not written by the runtime (DuckDbDestination.query). What is known also makes a
// `CREATE … IF NOT EXISTS` of an existing table or schema redundant, so it is not sent.
//
// Why: a window's commit described the same table up to six times and re-created its bookkeeping
// tables and schema, ~20 of its ~55 round trips (1–3 ms each while pages are being processed); with
// the memo a table is read once per run, and again only after its own DDL.

/** Statements that name no table to change: reads, writes, settings and transaction control. */
const NO_DDL = /^(?![\s\S]*\b(?:CREATE|ALTER|DROP|RENAME)\b)/i;
/** Setting a column's default (the commit journal's tag) changes no column's name or type. */
const SET_DEFAULT = /^\s*ALTER\s+TABLE\s[^;]*\sALTER\s+COLUMN\s[^;]*\sSET\s+DEFAULT\s[^;]*;?\s*$/i;
/** What may change tables it does not name, or undo what was seen. */
const FORGET_ALL = /^\s*(?:ROLLBACK|ABORT)\b|\b(?:DROP|ALTER)\s+SCHEMA\b|\b(?:ATTACH|DETACH|IMPORT|USE)\b/i;
/** One `CREATE TABLE|SCHEMA IF NOT EXISTS` of a fully quoted name, and nothing after it. */
const CREATE_IF_ABSENT = /^\s*CREATE\s+(TABLE|SCHEMA)\s+IF\s+NOT\s+EXISTS\s+((?:"(?:[^"]|"")*"\.)*"(?:[^"]|"")*")(?![^;]*;\s*\S)/i;

/** A table of the dataset: its qualified, quoted name, its schema's, and its bare name. */
export interface TableName {
  readonly ref: string;
  readonly schemaRef: string;
  readonly name: string;
}

export class CatalogMemo {
  /** By the table's qualified name (lower-cased): its bare name (lower-cased) and its columns (empty: absent). */
  readonly #tables = new Map<string, { readonly name: string; readonly columns: ReadonlyMap<string, string> }>();
  /** Qualified names (lower-cased) of schemas known to exist. */
  readonly #schemas = new Set<string>();

  /** A copy of the columns last read for `ref` (empty: the table did not exist); undefined when unknown. */
  columns(ref: string): Map<string, string> | undefined {
    const known = this.#tables.get(ref.toLowerCase());
    return known === undefined ? undefined : new Map(known.columns);
  }

  /** Remembers what reading `table` found. */
  remember(table: TableName, columns: ReadonlyMap<string, string>): void {
    this.#tables.set(table.ref.toLowerCase(), { name: table.name.toLowerCase(), columns: new Map(columns) });
    if (columns.size > 0) this.#schemas.add(table.schemaRef.toLowerCase());
  }

  /** Whether `sql` creates, if absent, a table or schema known to exist: a statement with nothing to do. */
  redundant(sql: string): boolean {
    const create = CREATE_IF_ABSENT.exec(sql);
    if (create === null) return false;
    const ref = (create[2] as string).toLowerCase();
    return create[1]?.toUpperCase() === "SCHEMA" ? this.#schemas.has(ref) : (this.#tables.get(ref)?.columns.size ?? 0) > 0;
  }

  /** Called with each statement before it runs: forgets what it may change. */
  saw(sql: string): void {
    if (this.#tables.size === 0 && this.#schemas.size === 0) return;
    if (FORGET_ALL.test(sql)) return this.forget();
    if (NO_DDL.test(sql) || SET_DEFAULT.test(sql)) return;
    const text = sql.toLowerCase();
    for (const [ref, { name }] of this.#tables) if (names(text, name) || names(text, name.replaceAll('"', '""'))) this.#tables.delete(ref);
  }

  /** Called with each statement that succeeded: a schema it created (if absent) exists. */
  ran(sql: string): void {
    const create = CREATE_IF_ABSENT.exec(sql);
    if (create !== null && create[1]?.toUpperCase() === "SCHEMA") this.#schemas.add((create[2] as string).toLowerCase());
  }

  /** Forgets everything (a statement failed, a rollback, SQL from outside the runtime). */
  forget(): void {
    this.#tables.clear();
    this.#schemas.clear();
  }
}

/** Whether `name` occurs in `text` as a whole identifier, quoted or not (a column or schema of the same name also counts: forgetting too much only costs a DESCRIBE). */
function names(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!IDENTIFIER_CHAR.test(text[at - 1] ?? " ") && !IDENTIFIER_CHAR.test(text[at + name.length] ?? " ")) return true;
  }
  return false;
}

const IDENTIFIER_CHAR = /[\p{L}\p{N}_$]/u;
