// Before a DuckDB commit, a large JavaScript heap's garbage is collected (heap-handoff.ts).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { getHeapStatistics } from "node:v8";
import { HeapHandoff } from "../../../runtime/destinations/duckdb/heap-handoff.ts";

const MB = 1024 * 1024;

test("a heap past the threshold is collected: garbage left by staging is freed before the commit", () => {
  // ~80 MB of garbage in the old generation: arrays that outlive a few scavenges, then dropped.
  let kept: number[][] = [];
  for (let i = 0; i < 400; i++) kept.push(Array.from({ length: 25_000 }, (_, j) => j + i));
  const before = process.memoryUsage().heapUsed;
  kept = [];
  assert.ok(before > 80 * MB, `the test made ${Math.round(before / MB)} MB of heap`);
  assert.is(new HeapHandoff().run(64 * MB), true);
  const after = process.memoryUsage().heapUsed;
  assert.ok(before - after > 60 * MB, `freed ${Math.round((before - after) / MB)} MB`);
  assert.is(kept.length, 0);
});

test("the freed memory goes back to the system: V8's heap and the process's resident memory shrink, not only the live heap", () => {
  // Small objects, as parsed records are: they live in V8's pages, which a collection empties but
  // keeps (large arrays have pages of their own, unmapped as soon as they are freed).
  let kept: { id: number; name: string; tags: number[] }[] = [];
  for (let i = 0; i < 1_000_000; i++) kept.push({ id: i, name: `record ${i}`, tags: [i, i + 1] });
  kept = [];
  const heap = getHeapStatistics().total_heap_size;
  const rss = process.memoryUsage.rss();
  assert.is(new HeapHandoff().run(64 * MB), true);
  // A regular full collection shrinks V8's heap as much but keeps the emptied pages: measured here,
  // heap −176 MB and RSS −21 MB, against −193 and −194 MB for the memory-reducing one.
  const heapFreed = heap - getHeapStatistics().total_heap_size;
  const rssFreed = rss - process.memoryUsage.rss();
  assert.ok(heapFreed > 100 * MB, `V8's heap shrank ${Math.round(heapFreed / MB)} MB`);
  assert.ok(rssFreed > 100 * MB, `resident memory fell ${Math.round(rssFreed / MB)} MB (V8's heap ${Math.round(heapFreed / MB)} MB)`);
  assert.is(kept.length, 0);
});

test("a heap mostly live stays alone until it doubles: a program holding much data pays once per doubling", () => {
  const live: number[][] = [];
  for (let i = 0; i < 400; i++) live.push(Array.from({ length: 25_000 }, (_, j) => j - i));
  // Its own hand-off: the process's may have collected already (other tests' commits).
  const handoff = new HeapHandoff();
  assert.is(handoff.run(64 * MB), true, "the first collection past the threshold runs");
  assert.is(handoff.run(64 * MB), false, "nothing new to free: the heap is not twice what survived");
  assert.is(live.length, 400);
});

test("a heap under the threshold is left alone", () => {
  assert.is(new HeapHandoff().run(Number.MAX_SAFE_INTEGER), false);
});

test.run();
