// DuckDB's final of a keyed merge, like the commit's helper tables, is a TEMP table: never written to
// the database file or its WAL, and dropped after the commit; the final of anything else is a TEMP view.
import { DuckDBInstance } from "@duckdb/node-api";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { duckDbDialect } from "../../../runtime/destinations/duckdb/dialect.ts";
import { dropDuckDbFinal, duckDbFinal } from "../../../runtime/destinations/duckdb/final.ts";
import { CatalogMemo } from "../../../runtime/destinations/duckdb/catalog-memo.ts";
import { duckDbSession } from "../../../runtime/destinations/duckdb/session.ts";
import type { LoadSettings } from "../../../runtime/destinations/duckdb/settings.ts";
import { SpoolDir } from "../../../runtime/destinations/duckdb/spool.ts";
import { Staging } from "../../../runtime/destinations/duckdb/staging.ts";
import { batch, type Cols, spec } from "./load-fixtures.ts";

const cols: Cols = [
  ["id", "bigint"],
  ["name", "text"],
];

test("a merge's final is a TEMP table holding the last version of each key, dropped afterwards; an append's a TEMP view", async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const spool = await SpoolDir.forDatabase(null);
  const session = duckDbSession(conn, new CatalogMemo());
  // What the final made, besides the staging's own view `s_0`.
  const objects = async () =>
    (
      await session.rows(
        "SELECT name, temporary, kind FROM (SELECT table_name AS name, temporary, 'table' AS kind FROM duckdb_tables() " +
          "UNION ALL SELECT view_name, temporary, 'view' FROM duckdb_views() WHERE NOT internal) WHERE name LIKE 's\\_0\\_%' ESCAPE '\\' ORDER BY name",
      )
    ).map((r) => r.map(String).join(" "));
  try {
    const table = { spec: spec("t", "merge", ["id"], cols), label: '"t"' };
    const staging = Staging.create(conn, spool, "s_0", '"t"', table.spec.columns, ["id"]);
    await staging.write(
      batch(cols, [
        [2, "old"],
        [1, "a"],
        [2, "new"],
      ]),
    );
    await staging.finish();
    const target = { conn, settings: { plan: { threads: 1, memoryBytes: 1 << 30 }, memoryLimit: "1GB" } as LoadSettings };
    const merged = await duckDbFinal(target, session, async () => false, { table, staging }, true);
    assert.equal(await objects(), ["s_0_rows true table"]);
    assert.equal(await session.rows(`SELECT id, name FROM ${merged.ref} ORDER BY id`), [
      [1n, "a"],
      [2n, "new"],
    ]);
    assert.ok(merged.deduplicated);
    await dropDuckDbFinal(conn, merged);
    const appended = await duckDbFinal(target, session, async () => false, { table, staging }, false);
    assert.equal(await objects(), ["s_0_final true view"]);
    await dropDuckDbFinal(conn, appended);
    assert.equal(await objects(), []);
    await staging.drop();
  } finally {
    await spool.remove();
    conn.closeSync();
    instance.closeSync();
  }
});

test("a commit's helper tables are TEMP tables too", async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const session = duckDbSession(conn, new CatalogMemo());
  try {
    const dialect = duckDbDialect(conn, "memory", {} as LoadSettings, new CatalogMemo());
    const ref = await dialect.scratchTable(session, "s_0_changed", "SELECT 1 AS id");
    assert.equal(await session.rows(`SELECT id FROM ${ref}`), [[1]]);
    assert.equal(await session.rows("SELECT table_name, temporary FROM duckdb_tables()"), [["s_0_changed", true]]);
    await dialect.dropScratch(session, ref);
    assert.equal(await session.rows("SELECT count(*) FROM duckdb_tables()"), [[0n]]);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
});

test.run();
