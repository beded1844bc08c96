// `gen-connector runs`: the line saying what a run replaces through staging tables, per run status.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { stagingLine } from "../../../generator/cli/run-staging.ts";
import type { RunPlan } from "../../../runtime/distributed/partition.ts";
import { runTag } from "../../../runtime/distributed/staging-names.ts";

const plan: RunPlan = {
  version: 1,
  runId: "run-1",
  connector: "c",
  codeHash: "sha256:x",
  dataset: "ds",
  resources: ["tickets"],
  plannedAt: "2026-01-01T00:00:00.000Z",
  partitions: [],
  staged: ["tickets"],
};

test("a run replacing tables says where its staging tables stand; a run without staging says nothing", () => {
  const tables = `_gc_run_${runTag("run-1")}_…`;
  assert.is(
    stagingLine({ runId: "run-1", status: "running", plan }),
    `  replaces tickets: partitions write staging tables ${tables}, swapped in once every partition has committed`,
  );
  assert.is(
    stagingLine({ runId: "run-1", status: "failed", plan: { ...plan, fullRefresh: true } }),
    `  full refresh of tickets: live tables untouched; staging tables ${tables} kept for a rerun of this run id (a new run drops them)`,
  );
  assert.is(stagingLine({ runId: "run-1", status: "completed", plan }), "  replaces tickets: swapped in when the run completed");
  const { staged: _, ...plain } = plan;
  assert.is(stagingLine({ runId: "run-1", status: "running", plan: plain }), null);
});

test("the run's tag is 12 hex digits, the same for the same run id", () => {
  assert.match(runTag("run-1"), /^[0-9a-f]{12}$/);
  assert.is(runTag("run-1"), runTag("run-1"));
  assert.is.not(runTag("run-1"), runTag("run-2"));
});

test.run();
