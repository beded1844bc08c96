// `gen-connector runs`: the line saying what a distributed run replaces through staging tables (a
// `replace` table in a windowed tree, every table of a full refresh) and where they stand.
import type { RunProgress } from "../../runtime/distributed/queue/run-progress.ts";
import { runTag, STAGING_PREFIX } from "../../runtime/distributed/staging-names.ts";

/** The run's staging line, or null when it replaces nothing through staging. */
export function stagingLine(run: Pick<RunProgress, "runId" | "status" | "plan">): string | null {
  const tables = run.plan.staged ?? [];
  if (tables.length === 0) return null;
  const what = `${run.plan.fullRefresh === true ? "full refresh of" : "replaces"} ${tables.join(", ")}`;
  const staging = `staging tables ${STAGING_PREFIX}${runTag(run.runId)}_…`;
  if (run.status === "completed") return `  ${what}: swapped in when the run completed`;
  if (run.status === "failed") return `  ${what}: live tables untouched; ${staging} kept for a rerun of this run id (a new run drops them)`;
  return `  ${what}: partitions write ${staging}, swapped in once every partition has committed`;
}
