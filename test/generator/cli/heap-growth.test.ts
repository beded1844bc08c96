// Which syncs run with a bounded heap growth: into Postgres (either URL scheme, any case), unless
// node's command line sets the growth itself (either spelling); DuckDB keeps V8's own.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { heapGrowthFlag, POSTGRES_HEAP_GROWING_PERCENT } from "../../../generator/cli/heap-growth.ts";

const FLAG = `--heap-growing-percent=${POSTGRES_HEAP_GROWING_PERCENT}`;

const CASES: readonly [string, string, readonly string[], string | null][] = [
  ["postgres://", "postgres://u@127.0.0.1:5432/db", [], FLAG],
  ["postgresql://", "postgresql://u@db.example/warehouse?sslmode=require", [], FLAG],
  ["scheme in capitals", "POSTGRES://u@h/db", [], FLAG],
  ["a socket URL", "postgres:///warehouse?host=/var/run/postgresql", [], FLAG],
  ["DuckDB file", "duckdb:./customer_support.duckdb", [], null],
  ["DuckDB in memory", "duckdb::memory:", [], null],
  ["node's own flags besides", "postgres://u@h/db", ["--enable-source-maps", "--max-semi-space-size=16"], FLAG],
  ["the user's growth", "postgres://u@h/db", ["--heap-growing-percent=0"], null],
  ["the user's growth, underscores", "postgres://u@h/db", ["--heap_growing_percent=80"], null],
];

for (const [name, destination, execArgv, expected] of CASES) {
  test(name, () => assert.is(heapGrowthFlag(destination, execArgv), expected));
}

test.run();
