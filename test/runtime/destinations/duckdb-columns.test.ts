// The DuckDB dialect's column lookup (DESCRIBE of one table): what the catalog says for any name, an
// empty map for a table or schema that does not exist, without spoiling the commit's transaction; read
// once and kept (catalog-memo.ts) until a statement may have changed the table.
import { DuckDBInstance } from "@duckdb/node-api";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { duckDbDialect } from "../../../runtime/destinations/duckdb/dialect.ts";
import { CatalogMemo } from "../../../runtime/destinations/duckdb/catalog-memo.ts";
import { duckDbSession } from "../../../runtime/destinations/duckdb/session.ts";
import type { LoadSettings } from "../../../runtime/destinations/duckdb/settings.ts";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { recordingStatements } from "../../helpers/duckdb.ts";

async function open() {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const memo = new CatalogMemo();
  const session = duckDbSession(conn, memo);
  const catalog = String((await session.rows("SELECT current_database()"))[0]?.[0]);
  const dialect = duckDbDialect(conn, catalog, {} as LoadSettings, memo);
  const close = () => {
    conn.closeSync();
    instance.closeSync();
  };
  return { session, dialect, close, catalog };
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

/** The columns of s.t as the dialect reports them, and how many DESCRIBEs that took. */
async function lookup(dialect: Awaited<ReturnType<typeof open>>["dialect"], session: Awaited<ReturnType<typeof open>>["session"], table = "t") {
  return recordingStatements(async (statements) => {
    const columns = [...(await dialect.columns(session, "s", table))].map(([name]) => name);
    return { columns, describes: statements.filter((sql) => sql.startsWith("DESCRIBE")).length };
  });
}

test("columns are read once, then kept through reads, writes, transactions and column defaults", async () => {
  const { session, dialect, close } = await open();
  try {
    await session.exec("CREATE SCHEMA s");
    await session.exec("CREATE TABLE s.t (id BIGINT, v VARCHAR DEFAULT 'x')");
    assert.equal(await lookup(dialect, session), { columns: ["id", "v"], describes: 1 });
    await session.exec("BEGIN");
    await session.exec("INSERT INTO s.t VALUES (1, 'a')");
    await session.exec(`ALTER TABLE "s"."t" ALTER COLUMN "v" SET DEFAULT 'y'`);
    await session.exec("CREATE TABLE s.other (w BIGINT)");
    await session.exec("COMMIT");
    await session.rows("SELECT * FROM s.t");
    assert.equal(await lookup(dialect, session), { columns: ["id", "v"], describes: 0 });
  } finally {
    close();
  }
});

test("DDL naming a table makes its columns read again; a rollback or a failed statement forgets every table", async () => {
  const { session, dialect, close } = await open();
  try {
    await session.exec("CREATE SCHEMA s");
    await session.exec("CREATE TABLE s.t (id BIGINT)");
    assert.equal((await lookup(dialect, session, "made")).columns, [], "absent, and remembered as absent");
    await lookup(dialect, session);
    await session.exec("ALTER TABLE s.t ADD COLUMN added VARCHAR");
    assert.equal(await lookup(dialect, session), { columns: ["id", "added"], describes: 1 });
    await session.exec("CREATE TABLE s.made (m BIGINT)");
    assert.equal(await lookup(dialect, session, "made"), { columns: ["m"], describes: 1 });
    // A column added in a transaction that rolls back is gone again.
    await session.exec("BEGIN");
    await session.exec(`ALTER TABLE "s"."t" ADD COLUMN "temporary" BIGINT`);
    assert.equal((await lookup(dialect, session)).columns, ["id", "added", "temporary"]);
    await session.exec("ROLLBACK");
    assert.equal(await lookup(dialect, session), { columns: ["id", "added"], describes: 1 });
    // A failed statement may have undone its transaction: nothing is trusted after it.
    await session.exec("BEGIN");
    await session.exec("ALTER TABLE s.t ADD COLUMN gone BIGINT");
    await lookup(dialect, session);
    await session.exec("SELECT no_such_column FROM s.t").catch(() => undefined);
    await session.exec("ROLLBACK");
    assert.equal(await lookup(dialect, session), { columns: ["id", "added"], describes: 1 });
    await session.exec(`DROP SCHEMA "s" CASCADE`);
    assert.equal(await lookup(dialect, session), { columns: [], describes: 1 });
  } finally {
    close();
  }
});

test("a CREATE … IF NOT EXISTS of a table or schema known to exist is not sent; one of an absent table is, and the table is read again", async () => {
  const { session, dialect, close, catalog } = await open();
  try {
    const sent = (sql: string) =>
      recordingStatements(async (statements) => {
        await session.exec(sql);
        return statements.length;
      });
    await session.exec("CREATE SCHEMA s");
    await session.exec("CREATE TABLE s.t (id BIGINT)");
    await lookup(dialect, session);
    await lookup(dialect, session, "absent");
    assert.is(await sent(`CREATE TABLE IF NOT EXISTS "${catalog}"."s"."t" (other VARCHAR)`), 0);
    assert.is(await sent(`CREATE SCHEMA IF NOT EXISTS "${catalog}"."s"`), 0);
    assert.is(await sent(`CREATE TABLE IF NOT EXISTS "${catalog}"."s"."absent" (a VARCHAR)`), 1);
    assert.equal(await lookup(dialect, session, "absent"), { columns: ["a"], describes: 1 });
    assert.is(
      await sent(`CREATE TABLE IF NOT EXISTS "${catalog}"."s"."t" (x BIGINT); CREATE TABLE "${catalog}"."s"."u" (x BIGINT)`),
      1,
      "more than one statement is sent",
    );
    // A schema made in a transaction that rolls back is gone: creating it again is sent.
    await session.exec("BEGIN");
    await session.exec(`CREATE SCHEMA IF NOT EXISTS "${catalog}"."fresh"`);
    assert.is(await sent(`CREATE SCHEMA IF NOT EXISTS "${catalog}"."fresh"`), 0);
    await session.exec("ROLLBACK");
    assert.is(await sent(`CREATE SCHEMA IF NOT EXISTS "${catalog}"."fresh"`), 1);
    assert.equal(await session.rows("SELECT count(*)::INT FROM duckdb_schemas() WHERE schema_name = 'fresh'"), [[1]]);
  } finally {
    close();
  }
});

test("the destination forgets what it read when SQL from outside the runtime runs (query)", async () => {
  const destination = await openDuckDb(":memory:");
  try {
    const dataset = "shop";
    const columns = () => destination.withDataset(dataset, (ds) => ds.dialect.columns(ds.session, ds.schema, "orders"), { lock: false });
    await destination.query("CREATE SCHEMA shop");
    await destination.query("CREATE TABLE shop.orders (id BIGINT)");
    assert.equal([...(await columns()).keys()], ["id"]);
    await destination.query("ALTER TABLE shop.orders ADD COLUMN total DOUBLE");
    assert.equal([...(await columns()).keys()], ["id", "total"]);
  } finally {
    await destination.close();
  }
});

test.run();
