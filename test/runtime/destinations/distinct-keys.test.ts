// Keys staged in strict order are proven distinct (key-order.ts), and the commit then reads no key
// column to look for repeats: DuckDB's staging learns the order as it spools, DuckDB's final skips the
// repeated-key aggregate, and Postgres's final copies the staged rows instead of DISTINCT ON's sort.
// What the commits then store is the conformance suite's business (it loads ordered and unordered keys).
import { DuckDBInstance } from "@duckdb/node-api";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { StagedRows, StagedTable } from "../../../runtime/destinations/dialect.ts";
import { duckDbFinal } from "../../../runtime/destinations/duckdb/final.ts";
import { SpoolDir } from "../../../runtime/destinations/duckdb/spool.ts";
import { Staging } from "../../../runtime/destinations/duckdb/staging.ts";
import type { LoadSettings } from "../../../runtime/destinations/duckdb/settings.ts";
import { postgresDialect } from "../../../runtime/destinations/postgres/dialect.ts";
import type { Staging as PgStaging } from "../../../runtime/destinations/postgres/staging.ts";
import type pg from "pg";
import { batch, type Cols, recordingSession, spec } from "./load-fixtures.ts";

const cols: Cols = [
  ["id", "bigint"],
  ["name", "text"],
];
const table = { spec: spec("t", "merge", ["id"], cols), label: '"t"' };

/** Staged rows as the finals read them: `distinctKeys` is what the staging proved. */
function staged<S extends StagedRows>(distinctKeys: boolean): StagedTable<S> {
  const staging = { name: "s_0", ref: "temp.main.s_0", columns: table.spec.columns, rowCount: 3, distinctKeys } as unknown as S;
  return { table, staging };
}

test("DuckDB staging proves distinct keys spooled in order, and not once a key goes back", async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const spool = await SpoolDir.forDatabase(null);
  try {
    /** Whether a staging watching `keys` proves them distinct after the batches of ids `batches`. */
    const proves = async (name: string, keys: string[], ...batches: number[][]) => {
      const staging = Staging.create(conn, spool, name, '"t"', table.spec.columns, keys);
      for (const ids of batches)
        await staging.write(
          batch(
            cols,
            ids.map((id) => [id, `n${id}`]),
          ),
        );
      await staging.drop();
      return staging.distinctKeys;
    };
    assert.ok(await proves("ordered", ["id"], [1, 2], [5]));
    assert.not.ok(await proves("unordered", ["id"], [1, 2], [2]));
    assert.not.ok(await proves("unwatched", [], [1, 2], [5]), "no key watched (an append): nothing proven");
  } finally {
    await spool.remove();
    conn.closeSync();
    instance.closeSync();
  }
});

test("DuckDB's final looks for repeated keys only when the staging proved none", async () => {
  for (const distinct of [true, false]) {
    const { session, sql } = recordingSession();
    const conn = { run: async (text: string) => void sql.push(text) };
    const target = { conn, settings: {} as LoadSettings } as unknown as Parameters<typeof duckDbFinal>[0];
    const final = await duckDbFinal(target, session, async () => true, staged<Staging>(distinct), true);
    assert.equal(final.intoEmpty, { rows: 3 }, "into an empty target: the staged rows as they are");
    const aggregates = sql.filter((s) => s.includes("HAVING count(*) > 1"));
    assert.is(aggregates.length, distinct ? 0 : 1, sql.join("\n"));
  }
});

test("Postgres's final copies proven-distinct keys without DISTINCT ON, and says nothing was deduplicated", async () => {
  const dialect = postgresDialect({} as pg.Client);
  for (const distinct of [true, false]) {
    const { session, sql } = recordingSession();
    const final = await dialect.finalRows(session, "ds", staged<PgStaging>(distinct), true);
    const create = sql.find((s) => s.startsWith("CREATE TEMP TABLE")) ?? "";
    assert.is(create.includes("DISTINCT ON"), !distinct, create);
    assert.is(final?.deduplicated, !distinct);
  }
});

test.run();
