import { spawn } from "node:child_process";
import { once } from "node:events";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../runtime/errors.ts";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { batch, type Cols, load, rejection, removeDb, spec, tempDbPath } from "./load-fixtures.ts";

const cols: Cols = [
  ["id", "bigint"],
  ["v", "text"],
];
const table = spec("kept", "merge", ["id"], cols);
const DUCKDB = import.meta.resolve("@duckdb/node-api");

/** Runs `body` (plain JS with `DuckDBInstance` and `path` in scope) in another Node process. */
function otherProcess(path: string, body: string) {
  const code = `const { DuckDBInstance } = await import(${JSON.stringify(DUCKDB)}); const path = ${JSON.stringify(path)};\n${body}`;
  return spawn(process.execPath, ["--input-type=module", "-e", code], { stdio: ["pipe", "pipe", "inherit"] });
}

async function firstLine(child: ReturnType<typeof otherProcess>): Promise<string> {
  const [chunk] = (await once(child.stdout, "data")) as [Buffer];
  return chunk.toString().trim();
}

test("a file database reopened after close keeps its data", async () => {
  const path = tempDbPath();
  const first = await openDuckDb(path);
  await load(
    first,
    "app",
    table,
    batch(cols, [
      [1, "a"],
      [2, "b"],
    ]),
  );
  await first.close();
  await first.close();
  const second = await openDuckDb(path);
  assert.equal(await load(second, "app", table, batch(cols, [[2, "B"]])), { inserted: 0, updated: 1, unchanged: 0 });
  assert.equal(await second.query(`SELECT id, v FROM app.kept ORDER BY id`), [
    { id: "1", v: "a" },
    { id: "2", v: "B" },
  ]);
  await second.close();
  removeDb(path);
});

test("after close another process can open the file and sees the committed rows", async () => {
  const path = tempDbPath();
  const dest = await openDuckDb(path);
  await load(
    dest,
    "app",
    table,
    batch(cols, [
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ]),
  );
  await dest.close();
  const child = otherProcess(
    path,
    `const db = await DuckDBInstance.create(path); const c = await db.connect();
     const r = await c.runAndReadAll("SELECT count(*) FROM app.kept"); process.stdout.write(String(r.getRows()[0][0]) + "\\n"); c.closeSync(); db.closeSync();`,
  );
  assert.is(await firstLine(child), "3");
  await once(child, "exit");
  removeDb(path);
});

test("a file locked by another process gives a clear DestinationError", async () => {
  const path = tempDbPath();
  const holder = otherProcess(
    path,
    `const db = await DuckDBInstance.create(path); process.stdout.write("ready\\n");
     process.stdin.on("data", () => { db.closeSync(); process.exit(0); });`,
  );
  assert.is(await firstLine(holder), "ready");
  try {
    const error = await rejection(openDuckDb(path));
    assert.instance(error, DestinationError);
    assert.match(error.message, path);
    assert.match(error.message, "is locked by another process (another sync running?)");
  } finally {
    holder.stdin.write("release\n");
    await once(holder, "exit");
  }
  const dest = await openDuckDb(path);
  await dest.close();
  removeDb(path);
});

test("a file already open in this process is refused until it is closed", async () => {
  const path = tempDbPath();
  const dest = await openDuckDb(path);
  const error = await rejection(openDuckDb(path));
  assert.instance(error, DestinationError);
  assert.match(error.message, "already open in this process");
  await dest.close();
  await (await openDuckDb(path)).close();
  removeDb(path);
});

test("a dataset named like the database file, or like DuckDB's own catalogs, is not ambiguous", async () => {
  const path = tempDbPath(); // .../test.duckdb: the catalog is named "test"
  const dest = await openDuckDb(path);
  for (const dataset of ["test", "temp", "main", "system", "memory"]) {
    assert.equal(await load(dest, dataset, table, batch(cols, [[1, dataset]])), { inserted: 1, updated: 0, unchanged: 0 }, dataset);
    assert.equal(await load(dest, dataset, table, batch(cols, [[1, dataset]])), { inserted: 0, updated: 0, unchanged: 1 }, dataset);
  }
  const rows = await dest.query(`SELECT schema_name FROM duckdb_tables() WHERE table_name = 'kept' AND NOT temporary ORDER BY 1`);
  assert.equal(
    rows.map((r) => r["schema_name"]),
    ["main", "memory", "system", "temp", "test"],
  );
  await dest.close();
  removeDb(path);
});

test("a closed destination refuses new loads", async () => {
  const dest = await openDuckDb(":memory:");
  await dest.close();
  assert.instance(await rejection(dest.beginTable("app", table)), DestinationError);
});

test.run();
