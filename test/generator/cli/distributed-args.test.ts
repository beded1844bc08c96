// The distributed commands' arguments: sync --distributed/--workers/--queue/--run, worker and runs.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseCommand } from "../../../generator/cli/args.ts";
import { DEFAULT_PER_API } from "../../../generator/cli/distributed-args.ts";

test("sync: --distributed plans only, --workers N also runs N local workers; --queue and --run need one of them", () => {
  const sync = (...flags: string[]) => parseCommand(["sync", "gen/x", ...flags]);
  assert.equal((sync("--distributed") as { distributed?: unknown }).distributed, {
    workers: 0,
    queue: undefined,
    runId: undefined,
    pagesPerPartition: undefined,
  });
  assert.equal((sync("--workers", "3", "--queue", "postgres://q/db", "--run", "r1", "--pages-per-partition", "50") as { distributed?: unknown }).distributed, {
    workers: 3,
    queue: "postgres://q/db",
    runId: "r1",
    pagesPerPartition: 50,
  });
  assert.is((sync() as { distributed?: unknown }).distributed, undefined);
  assert.throws(() => sync("--queue", "postgres://q/db"), /--queue belongs to a distributed sync: add --distributed/);
  assert.throws(() => sync("--workers", "0"), /--workers expects a whole number from 1 to 256, got "0"/);
  assert.throws(() => sync("--pages-per-partition", "10"), /--pages-per-partition belongs to a distributed sync: add --distributed/);
  assert.throws(() => sync("--distributed", "--pages-per-partition", "0"), /--pages-per-partition expects a whole number from 1 to 1000000, got "0"/);
});

test("worker: one partition at a time and the default per-API cap unless told; runs: the last 10 runs", () => {
  assert.equal(parseCommand(["worker", "gen/x", "--destination", "postgres://h/db", "--param", "a=1"]), {
    kind: "worker",
    dir: "gen/x",
    destination: "postgres://h/db",
    queue: undefined,
    concurrency: 1,
    perApi: DEFAULT_PER_API,
    baseUrl: undefined,
    params: { a: "1" },
  });
  assert.is((parseCommand(["worker", "gen/x", "--concurrency", "3", "--per-api", "2"]) as { perApi: number }).perApi, 2);
  assert.throws(() => parseCommand(["worker", "gen/x", "--concurrency", "0"]), /--concurrency expects a whole number from 1 to 64/);
  assert.throws(() => parseCommand(["worker"]), /worker takes exactly one generated connector directory, got 0/);
  assert.equal(parseCommand(["runs", "gen/x", "--limit", "0", "--json"]), {
    kind: "runs",
    dir: "gen/x",
    destination: undefined,
    dataset: undefined,
    run: undefined,
    limit: null,
    json: true,
  });
});

test("--queue takes a postgres:// URL only (pg-boss lives in Postgres), for sync and worker, its password masked in the error", () => {
  for (const argv of [
    ["sync", "gen/x", "--workers", "2", "--queue", "duckdb:/tmp/q.duckdb"],
    ["worker", "gen/x", "--queue", "duckdb:/tmp/q.duckdb"],
  ]) {
    assert.throws(
      () => parseCommand(argv),
      /--queue expects the postgres:\/\/… URL of the database the job queue \(pg-boss\) lives in, got "duckdb:\/tmp\/q.duckdb"/,
    );
  }
  assert.throws(() => parseCommand(["worker", "gen/x", "--queue", "mysql://u:pw@h/q"]), /got "mysql:\/\/u:\*\*\*@h\/q"/);
  assert.is((parseCommand(["worker", "gen/x", "--queue", "postgresql://h/q"]) as { queue?: string }).queue, "postgresql://h/q");
});

test.run();
