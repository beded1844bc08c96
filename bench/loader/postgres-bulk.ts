// Postgres's own bulk loads of the loader bench's rows, into the same typed table the runtime makes:
//   jsonb: the limit the loader is measured against: the JSONL file itself, COPY'd line by line into a
//          jsonb column of an UNLOGGED scratch table, then INSERT … SELECT with ->> extraction and casts
//          into the table: the same file to the same table, Postgres parsing the JSON (as read_json does
//          for DuckDB and as any JSON loader must).
//   tsv:   the floor: COPY of the rows pre-rendered as COPY text (tmp/bench-loader/v1-<n>.tsv, rendered
//          untimed by generate.ts) straight into the table: Postgres's fastest ingest, no JSON anywhere.
// The client only streams bytes (no parsing). Prints one JSON line: { rows, seconds: { copy, insert } }.
// Usage: tsx bench/loader/postgres-bulk.ts <tsv|jsonb> <file> <postgres URL> [--index]
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { COLUMNS, DATASET, TABLE } from "./records.ts";

const PG_TYPE = { bigint: "bigint", text: "text", double: "double precision", bool: "boolean", timestamp: "timestamptz" } as const;
const target = `${DATASET}.${TABLE}`;

/** The typed table, as the runtime creates it (NOT NULL key; `--index`: the key index a merge table gets). */
function ddl(): string {
  return `CREATE TABLE ${target} (${COLUMNS.map((c) => `${c.name} ${PG_TYPE[c.dataType]}${c.name === "id" ? " NOT NULL" : ""}`).join(", ")})`;
}

/** `doc->>'a'` or `doc->'a'->>'b'` for a flattened column name, cast to its type. */
function extract(name: string, type: keyof typeof PG_TYPE): string {
  const path = name.split("__");
  const last = path.pop() as string;
  const text = `doc${path.map((p) => `->'${p}'`).join("")}->>'${last}'`;
  return type === "text" ? text : `CAST(${text} AS ${PG_TYPE[type]})`;
}

async function bulk(mode: "tsv" | "jsonb", file: string, url: string, index: boolean) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = () => performance.now();
  try {
    await client.query("SET TIME ZONE 'UTC'");
    await client.query(`CREATE SCHEMA ${DATASET}`);
    let t = now();
    let copy = 0;
    await client.query("BEGIN");
    await client.query(ddl());
    if (mode === "tsv") {
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
      copy = now() - t;
    } else {
      // CSV with quote and delimiter bytes that never occur in JSON text: each line arrives verbatim.
      await client.query("CREATE UNLOGGED TABLE bench_raw (doc jsonb)");
      await pipeline(
        createReadStream(file, { highWaterMark: 1 << 20 }),
        client.query(copyFrom("COPY bench_raw FROM STDIN (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')")),
      );
      copy = now() - t;
      t = now();
      await client.query(`INSERT INTO ${target} SELECT ${COLUMNS.map((c) => extract(c.name, c.dataType)).join(", ")} FROM bench_raw`);
      await client.query("DROP TABLE bench_raw");
    }
    if (index) await client.query(`CREATE INDEX ON ${target} (id)`);
    await client.query("COMMIT");
    const insert = mode === "tsv" ? 0 : now() - t;
    const rows = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${target}`)).rows[0]?.n);
    return { rows, seconds: { copy: Math.round(copy) / 1000, insert: Math.round(insert) / 1000 } };
  } finally {
    await client.end();
  }
}

const [mode, file, url] = process.argv.slice(2);
if ((mode !== "tsv" && mode !== "jsonb") || file === undefined || url === undefined) {
  process.stderr.write("usage: tsx bench/loader/postgres-bulk.ts <tsv|jsonb> <file> <postgres URL> [--index]\n");
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await bulk(mode, file, url, process.argv.includes("--index")))}\n`);
