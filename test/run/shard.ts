// One shard of the test run (a child of test/run/all.ts): uvu's own file discovery and runner, over the
// files the parent assigned to this shard (GC_TEST_FILES, newline-separated paths relative to test/).
import { parse } from "uvu/parse";
import { run } from "uvu/run";

const wanted = new Set((process.env.GC_TEST_FILES ?? "").split("\n").filter((f) => f !== ""));
const { suites } = await parse("test", "\\.test\\.ts$");
const mine = suites.filter((suite) => wanted.has(suite.name));
const missing = [...wanted].filter((name) => !mine.some((suite) => suite.name === name));
if (missing.length > 0) {
  process.stderr.write(`test shard: no such test file(s) under test/: ${missing.join(", ")}\n`);
  process.exit(2);
}
await run(mine);
