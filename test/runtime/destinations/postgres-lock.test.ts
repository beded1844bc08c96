import { test } from "uvu";
import * as assert from "uvu/assert";
import { DestinationError } from "../../../runtime/errors.ts";
import { freshDatabase, openTracked, pgTests } from "../../helpers/postgres.ts";
import { batch, type Cols, load, rejection, spec } from "./duckdb-fixtures.ts";

const pgTest = await pgTests(test);

const cols: Cols = [["id", "bigint"], ["v", "text"]];
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
    for (const part of ["another sync holds the lock", 'dataset "shop"', "gen-connector (pid", "backend pid"]) assert.ok(error.message.includes(part), error.message);
  }
  // Another dataset in the same database is independent.
  assert.equal(await load(second, "other", table, batch(cols, [[1, "b"]])), { inserted: 1, updated: 0, unchanged: 0 });

  assert.equal(await running.commit(), { inserted: 1, updated: 0, unchanged: 0 });
  await first.close();
  assert.equal(await load(second, "shop", table, batch(cols, [[1, "a"], [2, "b"]])), { inserted: 1, updated: 0, unchanged: 1 });
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

test.run();
