// The written config must pass the grammar and the model (as `gen-connector <config>` would): a
// resource that does not is dropped with a warning naming the problem, never written broken.
import { ConfigError, type ConfigIssue } from "../../runtime/errors.ts";
import { modelFromConfig } from "../model/from-config.ts";
import type { LoadedSpec } from "../openapi/spec/load.ts";
import type { Json } from "./schema-view.ts";

const RESOURCE = /^resources\[(\d+)\]/;

function resourcesOf(config: Json): Json[] {
  return Array.isArray(config.resources) ? (config.resources as Json[]) : [];
}

/** The problems `gen-connector <config>` would report for `config` (none: it generates). */
export function configProblems(config: Json, spec: LoadedSpec, out: string): readonly ConfigIssue[] {
  try {
    modelFromConfig(config, out, () => spec);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
}

/** `config` as validated (minus resources the model rejects), with a warning per dropped resource. */
export function validated(config: Json, spec: LoadedSpec, out: string): { config: Json; warnings: string[] } {
  const warnings: string[] = [];
  let current = config;
  for (;;) {
    let issues: readonly ConfigIssue[];
    try {
      modelFromConfig(current, out, () => spec);
      return { config: current, warnings };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      issues = error.issues;
    }
    const resources = resourcesOf(current);
    const bad = new Map<number, string[]>();
    for (const issue of issues) {
      const match = RESOURCE.exec(issue.path);
      if (match !== null) bad.set(Number(match[1]), [...(bad.get(Number(match[1])) ?? []), `${issue.path}: ${issue.message}`]);
    }
    // A problem outside the resources, or nothing left to write: a gen-connector bug to report as is.
    if (bad.size === 0 || bad.size === resources.length) throw new ConfigError(`${out} (as written by init)`, issues);
    for (const [index, problems] of bad) {
      const resource = resources[index];
      warnings.push(`${String(resource?.name)}: dropped, the config would not validate: ${problems.join("; ")}`);
    }
    current = { ...current, resources: resources.filter((_, i) => !bad.has(i)) };
  }
}
