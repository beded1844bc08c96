// scd2 into a target known to be empty (the final's intoEmpty) inserts every version at once: nothing
// to retire and nothing stored to compare with, so no statement reads the staged rows before the insert.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Dialect, Final } from "../../../runtime/destinations/dialect.ts";
import { scd2Of } from "../../../runtime/destinations/scd2-spec.ts";
import { scd2Table } from "../../../runtime/destinations/scd2-table.ts";
import type { SqlSession } from "../../../runtime/destinations/sql-session.ts";
import type { WriteContext } from "../../../runtime/destinations/write-context.ts";
import { recordingSession, spec } from "./load-fixtures.ts";

test("a first scd2 load into an empty target runs one INSERT and counts its rows from the staging", async () => {
  const table = { spec: { ...spec("t", "merge", ["id"], [["id", "bigint"]]), merge: { strategy: "scd2" as const } }, label: '"t"' };
  const scd2 = scd2Of(table.spec);
  assert.ok(scd2 !== null);
  for (const intoEmpty of [{ rows: 5 }, undefined]) {
    const { session, sql } = recordingSession();
    const dialect = { types: { target: { timestamp: "TIMESTAMPTZ" } }, streamed: (_s: SqlSession, _p: unknown, run: () => Promise<number>) => run() };
    const ds = { session, dialect: dialect as unknown as Dialect, schema: "ds", ownColumns: [], complete: true, boundary: "2026-01-01T00:00:00Z" } as const;
    const context: WriteContext = { ...ds, scratch: async () => "scratch" };
    const final: Final = { ref: "final", deduplicated: false, ...(intoEmpty === undefined ? {} : { intoEmpty }) };
    const { counts } = await scd2Table(context, { table, staging: {} as never }, final, table.spec.columns, '"ds"."t"', scd2);
    const kinds = sql.map((s) => s.split(" ")[0]);
    if (intoEmpty !== undefined) {
      assert.equal(kinds, ["INSERT"]);
      assert.is(counts.inserted, 5);
    } else assert.equal(kinds, ["UPDATE", "SELECT", "SELECT"], "a target that may hold versions: retire, count, compare (nothing new here)");
  }
});

test.run();
