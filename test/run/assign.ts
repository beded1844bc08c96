// Which shard runs which test file (pure): files that pack the package share the first shard (one
// `npm pack` per process, and packing rebuilds dist/ in place); the rest are dealt heaviest first to
// the least loaded shard, by a cost estimated from what a file does.
export interface TestFile {
  /** Path relative to test/. */
  readonly name: string;
  readonly source: string;
}

/** Files using these helpers must run in one process: they pack the checkout, rebuilding its dist/. */
const PACKING = /helpers\/(packed|user-tsc)\.ts/;

/** A rough cost: end-to-end files spawn CLIs, servers and databases; unit files run in-process. */
export function estimatedCost(file: TestFile): number {
  let cost = 1;
  if (file.name.startsWith("e2e/")) cost += 8;
  if (file.name.startsWith("dlt-parity/") || file.name.startsWith("conformance/")) cost += 2;
  if (/freshDatabase|postgresServer/.test(file.source)) cost += 4;
  if (/runCli|spawn\(|execFile/.test(file.source)) cost += 3;
  if (PACKING.test(file.source)) cost += 10;
  return cost + (file.source.match(/^test\(/gm)?.length ?? 0) / 10;
}

/** `count` lists of file names; deterministic for the same files. */
export function assignShards(files: readonly TestFile[], count: number): string[][] {
  const shards = Array.from({ length: count }, () => ({ names: [] as string[], cost: 0 }));
  const ordered = [...files].map((file) => ({ file, cost: estimatedCost(file), pinned: PACKING.test(file.source) }));
  ordered.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.cost - a.cost || a.file.name.localeCompare(b.file.name));
  for (const { file, cost, pinned } of ordered) {
    const target = pinned ? shards[0] : shards.reduce((least, shard) => (shard.cost < least.cost ? shard : least));
    if (target === undefined) continue;
    target.names.push(file.name);
    target.cost += cost;
  }
  return shards.map((shard) => shard.names.sort());
}
