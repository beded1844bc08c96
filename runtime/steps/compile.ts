// Processing steps compiled once per resource into one function: record → 0..n records.
import { HookError } from "../errors.ts";
import { getPath } from "../select/jsonpath.ts";
import type { FieldCondition, MapSpec, ProcessingStep } from "../connector.ts";

type AnyRecord = Record<string, unknown>;
type Stage = (record: AnyRecord) => AnyRecord[];

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** A declarative condition as a predicate. */
export function conditionPredicate(condition: FieldCondition): (record: AnyRecord) => boolean {
  const { field, op, value } = condition;
  const list = Array.isArray(value) ? value : [];
  return (record) => {
    const found = getPath(record, field);
    const order = compare(found, value);
    switch (op) {
      case "eq":
        return found === value;
      case "ne":
        return found !== value;
      case "in":
        return list.includes(found);
      case "not_in":
        return !list.includes(found);
      case "exists":
        return found !== undefined && found !== null;
      case "not_exists":
        return found === undefined || found === null;
      case "gt":
        return order !== undefined && order > 0;
      case "gte":
        return order !== undefined && order >= 0;
      case "lt":
        return order !== undefined && order < 0;
      case "lte":
        return order !== undefined && order <= 0;
    }
  };
}

/** A declarative rewrite as a function returning a new record. */
export function mapFunction(spec: MapSpec): (record: AnyRecord) => AnyRecord {
  return (record) => {
    const out: AnyRecord = { ...record };
    for (const key of spec.drop ?? []) delete out[key];
    for (const [from, to] of Object.entries(spec.rename ?? {})) {
      if (from in out) {
        out[to] = out[from];
        delete out[from];
      }
    }
    return Object.assign(out, spec.set ?? {});
  };
}

function guarded(run: Stage, label: string): Stage {
  return (record) => {
    try {
      return run(record);
    } catch (error) {
      throw new HookError(`${label} threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
}

function stage(step: ProcessingStep): Stage {
  if ("filter" in step) {
    const keep = typeof step.filter === "function" ? step.filter : conditionPredicate(step.filter);
    return (record) => (keep(record) ? [record] : []);
  }
  if ("map" in step) {
    const map = typeof step.map === "function" ? step.map : mapFunction(step.map);
    return (record) => [map(record)];
  }
  const fanOut = step.yield_map;
  return (record) => [...fanOut(record)];
}

/** The steps in order as one function; no steps is the identity. */
export function compileSteps(steps: readonly ProcessingStep[] | undefined): (record: AnyRecord) => AnyRecord[] {
  const stages = (steps ?? []).map((step, i) => guarded(stage(step), `processing step #${i + 1} (${Object.keys(step)[0]})`));
  if (stages.length === 0) return (record) => [record];
  return (record) => stages.reduce<AnyRecord[]>((records, run) => records.flatMap(run), [record]);
}
