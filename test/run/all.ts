// The test command (`npm test [-- <pattern>]`): every `*.test.ts` under test/ (or those whose path
// matches the pattern), split over one uvu process per core (GC_TEST_SHARDS overrides), because most
// of the run's time is child processes and servers that leave a single test process waiting. The first
// shard streams its output, the others print theirs whole when they end; the run ends with uvu's own
// totals, summed.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parse } from "uvu/parse";
import { assignShards, type TestFile } from "./assign.ts";
import { readTotals, type Totals } from "./totals.ts";

const pattern = process.argv[2];
const { suites } = await parse("test", "\\.test\\.ts$");
const chosen = suites.filter((suite) => pattern === undefined || new RegExp(pattern, "i").test(suite.name));
if (chosen.length === 0) {
  process.stderr.write(`npm test: no test file under test/ matches ${JSON.stringify(pattern)}\n`);
  process.exit(2);
}
const files: TestFile[] = chosen.map((suite) => ({ name: suite.name, source: readFileSync(join("test", suite.name), "utf8") }));
const count = Number(process.env.GC_TEST_SHARDS ?? Math.min(availableParallelism(), 4));
const shards = assignShards(files, Number.isInteger(count) && count > 0 ? count : 1).filter((shard) => shard.length > 0);

const started = performance.now();
process.stdout.write(`${chosen.length} test files in ${shards.length} shard(s)\n`);
const results = await Promise.all(shards.map((shard, i) => runShard(i, shard)));
const sum = (pick: (t: Totals) => number) => results.reduce((n, r) => n + (r.totals === null ? 0 : pick(r.totals)), 0);
// A shard that died before its totals (a file threw at import, the process crashed) counts each of its files as a failed test.
const total = sum((t) => t.total) + results.reduce((n, r) => n + (r.totals === null ? r.files.length : 0), 0);
const passed = sum((t) => t.passed);
const broken = results.filter((r) => r.totals === null || r.code !== 0);
for (const r of broken) {
  // A shard with totals names its failures above (uvu's FAIL lines); one without may have died anywhere in its files.
  const where =
    r.totals === null ? `printed no totals (exit code ${r.code}); its files: ${r.files.join(", ")}` : `failed (exit code ${r.code}): see its FAIL lines above`;
  process.stdout.write(`\nshard ${r.index + 1} ${where}\n`);
}
process.stdout.write(
  `\n  Total:     ${total}\n  Passed:    ${passed}\n  Skipped:   ${sum((t) => t.skipped)}\n  Duration:  ${Math.round(performance.now() - started)}ms\n\n`,
);
process.exitCode = broken.length > 0 || passed < total ? 1 : 0;

interface ShardResult {
  readonly index: number;
  readonly files: readonly string[];
  readonly code: number | null;
  readonly totals: Totals | null;
}

function runShard(index: number, names: readonly string[]): Promise<ShardResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=gen-connector-source", "--import", "tsx", "test/run/shard.ts"], {
      env: { ...process.env, GC_TEST_FILES: names.join("\n") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: Buffer[] = [];
    const shardStarted = performance.now();
    // The first shard streams as it runs (progress for a watching person or a CI log); the others print when they end.
    const live = index === 0;
    if (live) process.stdout.write(`\n── shard 1/${shards.length}: ${names.length} files, live ──\n`);
    const take = (chunk: Buffer) => {
      output.push(chunk);
      if (live) process.stdout.write(chunk);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", reject);
    child.on("close", (code) => {
      const text = Buffer.concat(output).toString("utf8");
      const seconds = ((performance.now() - shardStarted) / 1000).toFixed(0);
      process.stdout.write(`\n── shard ${index + 1}/${shards.length}: ${names.length} files, ${seconds} s${live ? " (above)" : ""} ──\n${live ? "" : text}`);
      resolve({ index, files: names, code, totals: readTotals(text) });
    });
  });
}
