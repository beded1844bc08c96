// Whether a merged config is safe to write: the problems `gen-connector <config>` would report for it,
// split into those the merge brought in (init then refuses) and those the user's config already had
// (init keeps them, with a warning: it never fixes or drops the user's resources).
import type { ConfigIssue } from "../../runtime/errors.ts";
import { configProblems } from "../init/index.ts";
import type { Json } from "../init/schema-view.ts";
import type { LoadedSpec } from "../openapi/spec/index.ts";

const text = (issue: ConfigIssue) => `${issue.path === "" ? "(root)" : issue.path}: ${issue.message}`;

/** Problems of `merged` new with the merge, and those `existing` already had (as `path: message`). */
export function mergeProblems(existing: Json, merged: Json, spec: LoadedSpec, out: string): { added: string[]; existing: string[] } {
  const after = configProblems(merged, spec, out).map(text);
  if (after.length === 0) return { added: [], existing: [] };
  const before = new Set(configProblems(existing, spec, out).map(text));
  return { added: after.filter((p) => !before.has(p)), existing: after.filter((p) => before.has(p)) };
}
