// Bad records under `invalid_records: "quarantine"`: each refused record becomes a row of the
// dataset's `_quarantine` table, committed in the resource's own transaction (with its rows and
// state), its raw JSON and reason redacted; everything else loads.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError, RecordValidationError } from "../../../../runtime/errors.ts";
import { Redactor } from "../../../../runtime/secrets/redactor.ts";
import type { TableSpec } from "../../../../runtime/connector.ts";
import { Quarantine } from "../../../../runtime/sync/quarantine.ts";
import { TableWriter } from "../../../../runtime/sync/table-writer.ts";
import { rejection } from "../load-fixtures.ts";
import { eachDestination, type TestDestination } from "./destinations.ts";
import { DATASET, orders, ref, rows, snapshot, sync } from "./fixtures.ts";

const each = await eachDestination(test);
const SECRET = "s3cr3t-SENTINEL";
const KEY = "resources.orders.incremental.id";
const table = orders({ columns: [{ name: "qty", dataType: "bigint", nullable: true }], invalidRecords: "quarantine" });

function quarantine(): Quarantine {
  const redactor = new Redactor();
  redactor.add(SECRET);
  return new Quarantine({
    loadId: "L1",
    resource: "orders",
    table: "orders",
    primaryKey: ["id"],
    redact: (t) => redactor.redact(t),
    now: () => new Date("2024-05-01T00:00:00Z"),
  });
}

async function writer(dest: TestDestination, spec: TableSpec = table): Promise<TableWriter> {
  return TableWriter.open(dest, DATASET, spec, 2, quarantine());
}

const origin = (raw: unknown, index: number) => ({ raw, page: 1, index });
const QUARANTINED = `SELECT load_id, resource, table_name, reason, record, page, record_index, record_key, quarantined_at FROM ${ref("_quarantine")} ORDER BY record_index`;

each("a record the normalizer refuses is quarantined with its raw JSON; the others load, with the state, in one commit", async (d) => {
  const dest = await d.open();
  const w = await writer(dest);
  const records = [
    { id: 1, qty: 2 },
    { id: 2, qty: "many", link: `https://x.test/?api_key=${SECRET}` },
    { id: 3, qty: 4 },
  ];
  const accepted = await w.write(
    records,
    records.map((r, i) => origin(r, i)),
  );
  assert.equal(
    accepted.map((r) => r["id"]),
    [1, 3],
  );
  assert.is(w.quarantined, 1);
  const counts = await w.commit({ key: KEY, value: 3 });
  assert.is(counts.inserted, 2);
  assert.equal(await rows(dest, `SELECT id, qty FROM ${ref("orders")} ORDER BY id`), [
    { id: "1", qty: "2" },
    { id: "3", qty: "4" },
  ]);
  const [row, ...more] = await rows(dest, QUARANTINED);
  assert.is(more.length, 0);
  assert.equal(
    { ...row, reason: undefined, record: undefined, quarantined_at: undefined },
    {
      load_id: "L1",
      resource: "orders",
      table_name: "orders",
      reason: undefined,
      record: undefined,
      page: "1",
      record_index: "1",
      record_key: "2",
      quarantined_at: undefined,
    },
  );
  assert.match(String(row?.["reason"]), 'column "qty"');
  assert.equal(JSON.parse(String(row?.["record"])), { id: 2, qty: "many", link: "https://x.test/?api_key=***" });
  assert.match(String(row?.["quarantined_at"]), "2024-05-01");
  assert.is(await dest.readState(DATASET, KEY), 3);
});

each("records refused before the writer (schema, key) are quarantined with the reason, secrets redacted in every column", async (d) => {
  const dest = await d.open();
  const w = await writer(dest);
  w.refuse(
    origin({ id: SECRET, note: Buffer.from(`u:${SECRET}`).toString("base64") }, 0),
    `orders: record 0 of page 1 (id="${SECRET}") failed its schema: $.id: expected number`,
  );
  w.refuse(origin("not an object", 1), "orders: record 1 of page 1 failed its schema: $: expected object");
  await w.write([{ id: 5, qty: 1 }], [origin({ id: 5, qty: 1 }, 2)]);
  await w.commit();
  const found = await rows(dest, QUARANTINED);
  assert.is(found.length, 2);
  assert.not.match(JSON.stringify(found), SECRET);
  assert.not.match(JSON.stringify(found), Buffer.from(SECRET).toString("base64").replace(/=+$/, ""));
  assert.match(String(found[0]?.["reason"]), "$.id: expected number");
  assert.is(found[0]?.["record_key"], "***");
  assert.equal(JSON.parse(String(found[1]?.["record"])), "not an object");
  assert.is(found[1]?.["record_key"], null);
  assert.equal(await rows(dest, `SELECT id FROM ${ref("orders")}`), [{ id: "5" }]);
});

each("quarantined rows are appended across loads and roll back with a failed commit", async (d) => {
  const dest = await d.open();
  const first = await writer(dest);
  await first.write(
    [
      { id: 1, qty: "x" },
      { id: 3, qty: 3 },
    ],
    [origin({ id: 1, qty: "x" }, 0), origin({ id: 3, qty: 3 }, 1)],
  );
  await first.commit();
  const before = await snapshot(dest);
  // A load whose commit fails (a refused type change of the root) keeps none of its quarantined rows.
  const second = await writer(dest, orders({ columns: [{ name: "qty", dataType: "text", nullable: true }], invalidRecords: "quarantine" }));
  second.refuse(origin({ id: 9 }, 0), "bad");
  await second.write([{ id: 2, qty: "two" }], [origin({ id: 2, qty: "two" }, 1)]);
  const error = await rejection(second.commit({ key: KEY, value: 2 }));
  assert.instance(error, DestinationError);
  await second.abort();
  assert.equal(await snapshot(dest), before);
  assert.is(await dest.readState(DATASET, KEY), undefined);
  const third = await writer(dest);
  third.refuse(origin({ id: 10 }, 0), "bad again");
  await third.commit();
  const reasons = (await rows(dest, `SELECT reason FROM ${ref("_quarantine")} ORDER BY quarantined_at, reason`)).map((r) => String(r["reason"]));
  assert.is(reasons.length, 2);
  assert.match(reasons.join("|"), 'column "qty"');
  assert.ok(reasons.includes("bad again"));
});

each("without a quarantine a refused record fails the write, as before", async (d) => {
  const dest = await d.open();
  const error = await rejection(sync(dest, orders({ columns: [{ name: "qty", dataType: "bigint", nullable: true }] }), [{ id: 1, qty: "x" }]));
  assert.instance(error, RecordValidationError);
});

test.run();
