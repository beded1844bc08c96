// The sharded test command: every file runs exactly once, packing files share one process, and a
// shard's totals are read back from uvu's coloured output.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { assignShards } from "../run/assign.ts";
import { readTotals } from "../run/totals.ts";

const unit = (name: string) => ({ name, source: 'test("a", () => {});' });
const e2e = (name: string) => ({ name: `e2e/${name}`, source: "await runCli([]); await freshDatabase();" });
const packing = (name: string) => ({ name, source: 'import { packOnce } from "../helpers/packed.ts";' });

test("each file lands in exactly one shard; files that pack the package share the first", () => {
  const files = [unit("a.test.ts"), e2e("b.test.ts"), packing("e2e/pack.test.ts"), e2e("c.test.ts"), unit("d.test.ts"), packing("generated/tsc.test.ts")];
  const shards = assignShards(files, 2);
  assert.equal(shards.flat().sort(), files.map((f) => f.name).sort());
  assert.ok(shards[0]?.includes("e2e/pack.test.ts") && shards[0]?.includes("generated/tsc.test.ts"));
  assert.equal(assignShards([...files].reverse(), 2), shards, "the same files give the same shards whatever their order");
});

test("heavy files are spread: two end-to-end files go to two shards", () => {
  const shards = assignShards([e2e("x.test.ts"), e2e("y.test.ts"), unit("u.test.ts")], 2);
  assert.equal(
    shards.map((s) => s.filter((n) => n.startsWith("e2e/")).length),
    [1, 1],
  );
});

test("uvu's totals are read through its colours; output without totals reads as null", () => {
  const out = "• •\n\n  Total:     \u001b[1m12\u001b[22m\n\u001b[32m  Passed:    11\u001b[39m\n  Skipped:   1\n  Duration:  40ms\n";
  assert.equal(readTotals(out), { total: 12, passed: 11, skipped: 1 });
  assert.is(readTotals("Error: boom at import\n"), null);
});

test.run();
