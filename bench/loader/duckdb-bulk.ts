// DuckDB's own bulk load of the loader bench's JSONL file, the physical limit for the runtime's loader:
// `INSERT INTO <typed table> SELECT … FROM read_json(file)` into a fresh database file, the nested
// object flattened in the SELECT (`requester.name AS requester__name`), with the column types given
// (no sampling), the runtime's DuckDB settings (memory_limit), and a CHECKPOINT at the end as the
// runtime's close does. `--list`: the file with a `tags` list, whose items go to a child table
// `tickets__tags` (parent id, position, value), as the runtime's nested tables do (a second read_json).
// Prints one JSON line: { rows, seconds }.
// Usage: tsx bench/loader/duckdb-bulk.ts <file.jsonl> <database file> [--list]
import { DuckDBInstance } from "@duckdb/node-api";
import { DEFAULT_DUCKDB_OPTIONS } from "../../runtime/destinations/duckdb/index.ts";
import { COLUMNS, DATASET, TABLE } from "./records.ts";

const DUCK_TYPE = { bigint: "BIGINT", text: "VARCHAR", double: "DOUBLE", bool: "BOOLEAN", timestamp: "TIMESTAMPTZ" } as const;

async function bulk(file: string, path: string, withList: boolean) {
  const instance = await DuckDBInstance.create(path, { ...DEFAULT_DUCKDB_OPTIONS });
  const conn = await instance.connect();
  try {
    await conn.run("SET TimeZone = 'UTC'");
    const started = performance.now();
    const defs = COLUMNS.map((c) => `${c.name} ${DUCK_TYPE[c.dataType]}${c.name === "id" ? " NOT NULL" : ""}`);
    // The file's columns: scalars as in the table, the nested object as a STRUCT (flattened below).
    const flat = COLUMNS.filter((c) => !c.name.includes("__"));
    const fileColumns = [...flat.map((c) => `${c.name}: '${DUCK_TYPE[c.dataType]}'`), "requester: 'STRUCT(name VARCHAR, email VARCHAR)'"];
    const select = COLUMNS.map((c) => c.name.replace("__", "."));
    await conn.run(`CREATE SCHEMA ${DATASET}`);
    await conn.run(`CREATE TABLE ${DATASET}.${TABLE} (${defs.join(", ")})`);
    const source = (columns: readonly string[]) =>
      `read_json('${file.replaceAll("'", "''")}', format = 'newline_delimited', columns = {${columns.join(", ")}})`;
    await conn.run(`INSERT INTO ${DATASET}.${TABLE} SELECT ${select.join(", ")} FROM ${source(fileColumns)}`);
    if (withList) {
      await conn.run(`CREATE TABLE ${DATASET}.${TABLE}__tags (parent_id BIGINT NOT NULL, list_idx BIGINT NOT NULL, value VARCHAR)`);
      await conn.run(
        `INSERT INTO ${DATASET}.${TABLE}__tags SELECT id, generate_subscripts(tags, 1) - 1, unnest(tags) FROM ${source(["id: 'BIGINT'", "tags: 'VARCHAR[]'"])}`,
      );
    }
    await conn.run("CHECKPOINT");
    const seconds = (performance.now() - started) / 1000;
    const rows = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${DATASET}.${TABLE}`)).getRows()[0]?.[0]);
    return { rows, seconds: Math.round(seconds * 1000) / 1000 };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const [file, path] = process.argv.slice(2);
if (file === undefined || path === undefined) {
  process.stderr.write("usage: tsx bench/loader/duckdb-bulk.ts <file.jsonl> <database file> [--list]\n");
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await bulk(file, path, process.argv.includes("--list")))}\n`);
