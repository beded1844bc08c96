// Resolves processing_steps into step models: `$hook` references split into module and export.
import type { MergedResource } from "../config/merge-defaults.ts";
import type { MapSpec } from "../../runtime/connector.ts";
import type { StepModel } from "./model.ts";

function hook(ref: { $hook: string }): { module: string; name: string } {
  const at = ref.$hook.lastIndexOf("#");
  return { module: ref.$hook.slice(0, at), name: ref.$hook.slice(at + 1) };
}

type MapConfig = { drop?: string[] | undefined; rename?: Record<string, string> | undefined; set?: Record<string, unknown> | undefined };

/** The declarative map with only the keys that were given. */
function rewrite(map: MapConfig): MapSpec {
  return { ...(map.drop ? { drop: map.drop } : {}), ...(map.rename ? { rename: map.rename } : {}), ...(map.set ? { set: map.set } : {}) };
}

/** The resource's steps in order. */
export function resolveSteps(resource: MergedResource): StepModel[] {
  return (resource.processing_steps ?? []).map((step): StepModel => {
    if ("filter" in step) return "$hook" in step.filter ? { kind: "filter", hook: hook(step.filter) } : { kind: "filter", condition: step.filter };
    if ("map" in step) return "$hook" in step.map ? { kind: "map", hook: hook(step.map) } : { kind: "map", rewrite: rewrite(step.map) };
    return { kind: "yield_map", hook: hook(step.yield_map) };
  });
}
