// The DuckDB dialect's column lookup (DESCRIBE of one table): what the catalog says for any name, an
// empty map for a table or schema that does not exist, without spoiling the commit's transaction.
import { DuckDBInstance } from "@duckdb/node-api";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { duckDbDialect } from "../../../runtime/destinations/duckdb/dialect.ts";
import { duckDbSession } from "../../../runtime/destinations/duckdb/session.ts";
import type { LoadSettings } from "../../../runtime/destinations/duckdb/settings.ts";

async function open() {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const session = duckDbSession(conn);
  const catalog = String((await session.rows("SELECT current_database()"))[0]?.[0]);
  const dialect = duckDbDialect(conn, catalog, {} as LoadSettings);
  const close = () => {
    conn.closeSync();
    instance.closeSync();
  };
  return { session, dialect, close };
}

test("columns: the catalog's names and types, for quoted, dotted and mixed-case names, matched case-insensitively", async () => {
  const { session, dialect, close } = await open();
  try {
    await session.exec(`CREATE SCHEMA "We""ird"`);
    await session.exec(`CREATE TABLE "We""ird"."T.x" (a VARCHAR, "MiXed" BIGINT, t TIMESTAMPTZ, d DECIMAL(38,9), j JSON, l VARCHAR[], s STRUCT(x INT))`);
    const catalog = await session.rows(
      "SELECT lower(column_name), data_type FROM duckdb_columns() WHERE schema_name = 'We\"ird' AND table_name = 'T.x' ORDER BY column_index",
    );
    const expected = catalog.map(([n, t]) => [String(n), String(t)]);
    assert.equal([...(await dialect.columns(session, 'We"ird', "T.x"))], expected);
    assert.equal([...(await dialect.columns(session, 'we"IRD', "t.X"))], expected, "names resolve case-insensitively");
    assert.equal(expected[2], ["t", "TIMESTAMP WITH TIME ZONE"]);
  } finally {
    close();
  }
});

test("columns: a missing table or schema is an empty map, and the open transaction still commits", async () => {
  const { session, dialect, close } = await open();
  try {
    await session.exec("CREATE SCHEMA s");
    await session.exec("CREATE TABLE s.kept (id BIGINT)");
    await session.exec("BEGIN");
    await session.exec("INSERT INTO s.kept VALUES (1)");
    assert.equal((await dialect.columns(session, "s", "missing")).size, 0);
    assert.equal((await dialect.columns(session, "nosuchschema", "kept")).size, 0);
    await session.exec("CREATE TABLE s.made (v VARCHAR)");
    assert.equal([...(await dialect.columns(session, "s", "made"))], [["v", "VARCHAR"]], "a table created in the transaction is seen");
    await session.exec("COMMIT");
    assert.equal(await session.rows("SELECT count(*)::INT FROM s.kept"), [[1]]);
    assert.equal(await session.rows("SELECT count(*)::INT FROM s.made"), [[0]]);
  } finally {
    close();
  }
});

test("columns: any other error is the caller's", async () => {
  const { session, dialect, close } = await open();
  close();
  const error = await dialect.columns(session, "s", "t").then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, Error, "a closed connection is not a missing table");
});

test.run();
