import pg from "pg";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector } from "../../../generated/customer_support/index.ts";
import { openPostgres } from "../../../runtime/destinations/postgres/index.ts";
import { DestinationError, UsageError } from "../../../runtime/errors.ts";
import { runSync } from "../../../runtime/sync/run-sync.ts";
import { fakeClock } from "../../helpers/fake-clock.ts";
import { freshDatabase, openTracked, pgTests } from "../../helpers/postgres.ts";
import { startMockApi } from "../../mock-api/server.ts";
import { batch, type Cols, load, rejection, spec } from "./load-fixtures.ts";

const pgTest = await pgTests(test);

const cols: Cols = [
  ["id", "bigint"],
  ["v", "text"],
];
const table = spec("items", "merge", ["id"], cols);

pgTest("a second sync into the same dataset is refused while the first holds its lock, and may start once it closes", async () => {
  const url = (await freshDatabase()) as string;
  const first = await openTracked(url);
  const second = await openTracked(url);
  const running = await first.beginTable("shop", table);
  await running.write(batch(cols, [[1, "a"]]));

  for (const attempt of [second.beginTable("shop", table), second.readState("shop", "k")]) {
    const error = await rejection(attempt);
    assert.instance(error, DestinationError);
    for (const part of ["another sync holds the lock", 'dataset "shop"', "gen-connector (pid", "backend pid"])
      assert.ok(error.message.includes(part), error.message);
  }
  // Another dataset in the same database is independent.
  assert.equal(await load(second, "other", table, batch(cols, [[1, "b"]])), { inserted: 1, updated: 0, unchanged: 0 });

  assert.equal(await running.commit(), { inserted: 1, updated: 0, unchanged: 0 });
  await first.close();
  assert.equal(
    await load(
      second,
      "shop",
      table,
      batch(cols, [
        [1, "a"],
        [2, "b"],
      ]),
    ),
    { inserted: 1, updated: 0, unchanged: 1 },
  );
});

pgTest("two loads started together into one dataset: exactly one proceeds", async () => {
  const url = (await freshDatabase()) as string;
  const [a, b] = await Promise.all([openTracked(url), openTracked(url)]);
  const results = await Promise.allSettled([a, b].map((d) => load(d, "shop", table, batch(cols, [[1, "x"]]))));
  assert.equal(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
  const failed = results.find((r) => r.status === "rejected");
  assert.match(String(failed?.status === "rejected" ? failed.reason : ""), "another sync holds the lock");
  assert.equal(await a.query(`SELECT count(*) AS n FROM shop.items`), [{ n: "1" }]);
});

pgTest("a dead holder's lock is released by the server (no stale lock)", async () => {
  const url = (await freshDatabase()) as string;
  const holder = await openTracked(url);
  await holder.readState("shop", "k");
  const pid = (await holder.query(`SELECT pg_backend_pid() AS pid`))[0]?.["pid"];
  const other = await openTracked(url);
  assert.instance(await rejection(other.beginTable("shop", table)), DestinationError);
  await other.query(`SELECT pg_terminate_backend($1)`, [Number(pid)]);
  await other.query(`SELECT pg_sleep(0.2)`);
  assert.equal(await load(other, "shop", table, batch(cols, [[1, "a"]])), { inserted: 1, updated: 0, unchanged: 0 });
});

/** `promise`, or a rejection once `ms` pass (a lock wait without lock_timeout would hang the test). */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms: the lock wait is not bounded`)), ms);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

/** A second session (another application) that runs `statements` in a transaction it leaves open. */
async function holdLocks(url: string, ...statements: string[]): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: url, application_name: "lock-holder" });
  await holder.connect();
  await holder.query("BEGIN");
  for (const sql of statements) await holder.query(sql);
  // Its last query carries a value, which must not reach our message.
  await holder.query("SELECT 'HOLDER-VALUE-4711' AS v");
  return holder;
}

function assertNamesHolder(error: Error, table: string, mode: string): void {
  assert.instance(error, DestinationError);
  for (const part of [
    "waited 300ms for a table lock and gave up",
    `"${table}" (${mode}) held by pid `,
    'application "lock-holder"',
    'state "idle in transaction"',
    "transaction started 20",
    "Nothing was written",
    "?lock_timeout=",
  ]) {
    assert.ok(error.message.includes(part), `${part} in: ${error.message}`);
  }
  assert.not.match(error.message, "HOLDER-VALUE");
}

pgTest("a commit behind another session's ACCESS EXCLUSIVE lock gives up after lock_timeout, naming table and holder; rows and state unchanged", async () => {
  const url = (await freshDatabase()) as string;
  const dest = await openTracked(`${url}?lock_timeout=300ms`);
  const first = await dest.beginTable("shop", table);
  await first.write(batch(cols, [[1, "a"]]));
  await first.commit({ key: "cursor", value: 1 });
  const holder = await holdLocks(url, "LOCK TABLE shop.items IN ACCESS EXCLUSIVE MODE");
  try {
    const second = await dest.beginTable("shop", table);
    await second.write(
      batch(cols, [
        [1, "changed"],
        [2, "b"],
      ]),
    );
    assertNamesHolder(await within(15_000, rejection(second.commit({ key: "cursor", value: 2 }))), "items", "AccessExclusiveLock");
  } finally {
    await holder.end();
  }
  assert.equal(await dest.query("SELECT id::int, v FROM shop.items ORDER BY id"), [{ id: 1, v: "a" }]);
  assert.is(await dest.readState("shop", "cursor"), 1);
});

pgTest("a reader's open transaction (ACCESS SHARE) blocking a new column's ALTER TABLE is bounded too; the table is unchanged", async () => {
  const url = (await freshDatabase()) as string;
  const dest = await openTracked(`${url}?lock_timeout=300ms`);
  await load(dest, "shop", table, batch(cols, [[1, "a"]]));
  const holder = await holdLocks(url, "SELECT count(*) FROM shop.items");
  const wider: Cols = [...cols, ["w", "text"]];
  try {
    const error = await within(15_000, rejection(load(dest, "shop", spec("items", "merge", ["id"], wider), batch(wider, [[2, "b", "x"]]))));
    assertNamesHolder(error, "items", "AccessShareLock");
  } finally {
    await holder.end();
  }
  const columns = await dest.query(
    "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'shop' AND table_name = 'items' AND column_name <> '_gc_merge_hash' ORDER BY ordinal_position",
  );
  assert.equal(
    columns.map((r) => r["c"]),
    ["id", "v"],
  );
  assert.equal(await dest.query("SELECT id::int, v FROM shop.items ORDER BY id"), [{ id: 1, v: "a" }]);
});

pgTest("lock_timeout: 30 s by default, set by ?lock_timeout= (ms, s, min; 0 waits forever), a bad value refused as bad usage", async () => {
  const url = (await freshDatabase()) as string;
  const shown = async (suffix: string) => (await (await openTracked(`${url}${suffix}`)).query("SHOW lock_timeout"))[0]?.["lock_timeout"];
  assert.is(await shown(""), "30s");
  assert.is(await shown("?lock_timeout=2min"), "2min");
  assert.is(await shown("?lock_timeout=1500"), "1500ms");
  assert.is(await shown("?lock_timeout=0&application_name=x"), "0");
  const bad = new URL(url);
  bad.password = "pw-SENTINEL";
  bad.search = "?lock_timeout=soon";
  const error = await rejection(openPostgres(bad.toString()));
  assert.instance(error, UsageError);
  assert.match(error.message, 'lock_timeout must be a duration such as 30s, 500ms, 2min or 0 (wait forever), got "soon"');
  assert.not.match(error.message, "SENTINEL");
});

pgTest("a sync whose commit times out on a lock exits 1: its _gc_loads row failed with the reason, the table as before", async () => {
  const url = (await freshDatabase()) as string;
  const api = await startMockApi({ records: 50, auth: { type: "api_key_query", name: "api_key", value: "lock-test-key" } });
  const options = {
    destination: `${url}?lock_timeout=300ms`,
    baseUrl: api.url,
    secrets: { env: { API_KEY: "lock-test-key" }, dotenv: {} },
    clock: fakeClock(),
  };
  let holder: pg.Client | undefined;
  try {
    await runSync(connector, options);
    api.setOptions({ records: 60, changed: { ids: [1, 2], version: 2 } });
    holder = await holdLocks(url, "LOCK TABLE customer_support.customer_support_data IN ACCESS EXCLUSIVE MODE");
    const error = await within(15_000, rejection(runSync(connector, options)));
    assert.instance(error, DestinationError);
    assert.is((error as DestinationError).exitCode, 1);
    assert.match(error.message, '"customer_support_data" (AccessExclusiveLock) held by pid');
  } finally {
    await holder?.end();
    await api.close();
  }
  const check = await openTracked(url);
  const loads = await check.query("SELECT status, error FROM customer_support._gc_loads ORDER BY load_id");
  assert.equal(
    loads.map((r) => r["status"]),
    ["completed", "failed"],
  );
  assert.match(String(loads[1]?.["error"]), "waited 300ms for a table lock and gave up", String(loads[1]?.["error"]));
  assert.equal(await check.query("SELECT count(*)::int AS n, count(*) FILTER (WHERE version = 2)::int AS v FROM customer_support.customer_support_data"), [
    { n: 50, v: 0 },
  ]);
});

test.run();
