// scd2 against a model, on every destination: seeded random loads whose records repeat, change,
// vanish and come back (with lists, hard-delete flags and merge-key partitions); after every load the
// table's active and retired versions are exactly the model's, the counts match, nested rows are
// stored once per version and never orphaned, and rerunning the same load changes nothing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { MergeSpec, TableSpec } from "../../../../runtime/connector.ts";
import { TableWriter } from "../../../../runtime/sync/table-writer.ts";
import { eachDestination, type TestDestination } from "./destinations.ts";
import { DATASET, orders, orphans, random, ref, rows } from "./fixtures.ts";

const each = await eachDestination(test);

type Order = { readonly id: number; readonly part: number; readonly note: string; readonly gone: boolean; readonly items: readonly { readonly sku: string }[] };

function load(next: () => number, round: number, deletes: boolean): Order[] {
  const pick = (n: number) => Math.floor(next() * n);
  return Array.from({ length: pick(13) }, (_, i) => ({
    id: 1 + pick(8),
    part: pick(3),
    note: pick(2) === 0 ? "same" : `r${round}-${i}`,
    gone: deletes && pick(6) === 0,
    items: Array.from({ length: pick(3) }, (_, j) => ({ sku: pick(2) === 0 ? `s${j}` : `r${round}-${i}-${j}` })),
  }));
}

/** A version's identity: the whole record (its keys always in one order here, as the row hash sorts them). */
const versionOf = (r: Order) => JSON.stringify(r);

interface Model {
  /** Every version stored, by identity: how many rows it has (a reinsertion adds one) and whether one is active. */
  readonly versions: Map<string, { rows: number; active: boolean; items: number }>;
}

/** Applies one load to the model; returns the counts [inserted, unchanged, retired]. */
function apply(model: Model, records: readonly Order[], merge: MergeSpec, complete: boolean): number[] {
  const live = new Map(records.filter((r) => !r.gone).map((r) => [versionOf(r), r]));
  const parts = new Set(records.map((r) => r.part));
  let retired = 0;
  // An empty load writes nothing (as `missing` deletes nothing after one): an API answering nothing is more often wrong than empty.
  if (records.length > 0)
    for (const [key, v] of model.versions) {
      if (!v.active || live.has(key)) continue;
      const part = (JSON.parse(key) as Order).part;
      if (merge.mergeKey !== undefined ? parts.has(part) : complete) {
        v.active = false;
        retired++;
      }
    }
  let inserted = 0;
  for (const [key, r] of live) {
    const v = model.versions.get(key);
    if (v?.active === true) continue;
    inserted++;
    if (v === undefined) model.versions.set(key, { rows: 1, active: true, items: r.items.length });
    else {
      v.rows++;
      v.active = true;
    }
  }
  return [inserted, live.size - inserted, retired];
}

async function commit(dest: TestDestination, table: TableSpec, records: readonly Order[], complete: boolean, batchRows: number) {
  const writer = await TableWriter.open(dest, DATASET, table, batchRows);
  for (const record of records) await writer.write([record]);
  return writer.commit(undefined, { complete });
}

const VARIANTS: readonly { readonly name: string; readonly merge: MergeSpec; readonly complete: boolean; readonly deletes: boolean }[] = [
  { name: "complete extracts", merge: { strategy: "scd2" }, complete: true, deletes: false },
  { name: "merge_key partitions, hard_delete", merge: { strategy: "scd2", mergeKey: ["part"], hardDelete: "gone" }, complete: false, deletes: true },
];

for (const variant of VARIANTS) {
  for (const seed of [1, 2]) {
    each(`scd2 ${variant.name}, seed ${seed}: 10 random loads match the model, and a rerun changes nothing`, async (d) => {
      const dest = await d.open();
      const next = random(seed);
      const model: Model = { versions: new Map() };
      for (let round = 0; round < 10; round++) {
        const table = orders({ primaryKey: [], merge: { ...variant.merge, scd2: { boundaryTimestamp: `2024-01-${String(round + 1).padStart(2, "0")}` } } });
        const records = load(next, round, variant.deletes);
        const expected = apply(model, records, variant.merge, variant.complete);
        const counts = await commit(dest, table, records, variant.complete, 1 + (round % 3));
        const where = `round ${round}`;
        assert.equal([counts.inserted, counts.unchanged, counts.retired ?? 0], expected, `${where}: counts`);
        await expectModel(dest, model, where);
        if (round % 3 === 2) {
          const again = await commit(dest, table, records, variant.complete, 2);
          const live = new Set(records.filter((r) => !r.gone).map(versionOf)).size;
          assert.equal([again.inserted, again.unchanged, again.retired ?? 0], [0, live, 0], `${where}: rerun counts`);
          await expectModel(dest, model, `${where} rerun`);
        }
      }
    });
  }
}

async function expectModel(dest: TestDestination, model: Model, where: string) {
  const stored = await rows(dest, `SELECT id, part, note, gone, _gc_valid_to IS NULL AS active FROM ${ref("orders")}`).catch(() => []);
  const count = (active: boolean) => [...model.versions.values()].reduce((n, v) => n + (active ? (v.active ? 1 : 0) : v.rows - (v.active ? 1 : 0)), 0);
  assert.is(stored.filter((r) => r["active"] === "true").length, count(true), `${where}: active versions`);
  assert.is(stored.filter((r) => r["active"] !== "true").length, count(false), `${where}: retired versions`);
  const activeNotes = stored
    .filter((r) => r["active"] === "true")
    .map((r) => `${r["id"]}/${r["part"]}/${r["note"]}`)
    .sort();
  const modelNotes = [...model.versions]
    .filter(([, v]) => v.active)
    .map(([key]) => JSON.parse(key) as Order)
    .map((r) => `${r.id}/${r.part}/${r.note}`)
    .sort();
  assert.equal(activeNotes, modelNotes, `${where}: active records`);
  const items = [...model.versions.values()].reduce((n, v) => n + v.items, 0);
  if (items === 0) return;
  assert.equal(await rows(dest, `SELECT count(*) AS n FROM ${ref("orders__items")}`), [{ n: String(items) }], `${where}: nested rows once per version`);
  assert.is(await orphans(dest, "orders", "orders__items"), 0, `${where}: orphans`);
}

test.run();
