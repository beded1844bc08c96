// Re-running init over a config the user has edited: the user's config wins everywhere (name, client,
// every resource as they have it, resources added by hand), and what the spec offers that the config
// lacks is added only when asked for. Pure: the CLI reads, refuses or writes.
//
// Resources are matched by the spec operation they read (method and path, as generation matches
// them), not by name, so a renamed resource is still the same resource. Without the config init
// wrote last time, a list endpoint missing from the config is either new in the spec or one the user
// deleted, and init cannot tell which: it is listed, and added only when --include selects it.
import { operations } from "../openapi/spec/index.ts";
import type { LoadedSpec } from "../openapi/spec/load.ts";
import { keyEdits, resourceEdits, shown } from "./edits.ts";
import { configResources, type ConfigResource } from "./resource-match.ts";
import { isObject, type Json } from "./schema-view.ts";

export interface MergeOptions {
  /** Add the derived resources the config lacks (true when --include chose them). */
  readonly addMissing: boolean;
  /** The name given with --name: it replaces the config's. */
  readonly name?: string | undefined;
  /** A `$schema` for a config that has none (undefined: add none). */
  readonly schema?: string | undefined;
}

export interface MergeResult {
  readonly config: Json;
  /** What the merge changed: `+ tags (GET /tags)`, `~ name …`, `~ tickets: include_from_parent …`. */
  readonly changes: readonly string[];
  /** Where the config differs from what init derives, kept as the user has it. */
  readonly kept: readonly string[];
  /** Spec list endpoints the config lacks, not added (no --include chose them). */
  readonly notAdded: readonly string[];
  /** Resources whose endpoint the spec does not have (kept), and parents init could not update. */
  readonly warnings: readonly string[];
}

const REFERENCE = /\{resources\.([^.{}]+)\.([^{}]*)\}/g;

/** `name`, or `name_2`, `name_3`… when taken. */
function unique(name: string, taken: ReadonlySet<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}_${i}`;
  return candidate;
}

/** `value` with `{resources.<parent>.<field>}` (and `_<grandparent>_` fields) naming the final resource names. */
function renamed(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") {
    return value.replace(REFERENCE, (whole, parent: string, field: string) => {
      const grand = [...names.keys()].sort((a, b) => b.length - a.length).find((g) => field.startsWith(`_${g}_`));
      const fieldOut = grand === undefined ? field : `_${names.get(grand)}_${field.slice(grand.length + 2)}`;
      return names.has(parent) || grand !== undefined ? `{resources.${names.get(parent) ?? parent}.${fieldOut}}` : whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => renamed(v, names));
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "$comment" ? v : renamed(v, names)]));
}

/** The parent a derived resource reads its path values from (derived name), if any. */
function parentOf(raw: unknown): string | undefined {
  const path = isObject(raw) && isObject(raw.endpoint) && typeof raw.endpoint.path === "string" ? raw.endpoint.path : "";
  return new RegExp(REFERENCE.source).exec(path)?.[1];
}

/** A derived resource as added: its final name, references renamed, its comment saying how it came. */
function addedResource(raw: unknown, name: string, names: ReadonlyMap<string, string>): unknown {
  const resource = isObject(raw) ? raw : {};
  const why = typeof resource.$comment === "string" ? `; ${resource.$comment}` : "";
  return renamed({ ...resource, $comment: `Added by a re-run of gen-connector init${why}`, name }, names);
}

/** The resources of both configs, and each derived name's name in the merged config. */
interface Known {
  readonly mine: readonly ConfigResource[];
  readonly theirs: readonly ConfigResource[];
  readonly names: ReadonlyMap<string, string>;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * A new child of a resource the user has: that parent must pass down (include_from_parent) what the
 * child's path needs. Updates `resources` (the user's list, copied) in place.
 */
function passDown(resources: unknown[], toAdd: readonly ConfigResource[], known: Known, changes: string[], warnings: string[]): void {
  const { mine, theirs, names } = known;
  const at = new Map(mine.map((m) => [m, resources.indexOf(m.raw)]));
  for (const t of toAdd) {
    const parent = parentOf(t.raw);
    const derivedParent = theirs.find((p) => p.name === parent);
    const userParent = mine.find((m) => m.name === names.get(parent ?? "") && m.operation === derivedParent?.operation);
    if (derivedParent === undefined || userParent === undefined) continue;
    const index = at.get(userParent) ?? -1;
    const current = resources[index];
    const has = stringList(isObject(current) ? current.include_from_parent : undefined);
    const needed = stringList(isObject(derivedParent.raw) ? derivedParent.raw.include_from_parent : undefined).filter((f) => !has.includes(f));
    if (needed.length === 0) continue;
    if (!isObject(current)) {
      warnings.push(`${userParent.name}: add include_from_parent ${shown(needed)} by hand (the new ${names.get(t.name)} needs it)`);
      continue;
    }
    resources[index] = { ...current, include_from_parent: [...has, ...needed] };
    changes.push(`~ ${userParent.name}: include_from_parent + ${shown(needed)} (the new ${names.get(t.name)} needs it)`);
  }
}

/** `existing` (the user's config) with what `derived` (init's config for the spec) adds, and what was kept. */
export function mergeConfig(spec: LoadedSpec, existing: Json, derived: Json, options: MergeOptions): MergeResult {
  const ops = operations(spec);
  const mine = configResources(spec, ops, existing);
  const theirs = configResources(spec, ops, derived);
  const byOperation = new Map<string, ConfigResource>();
  for (const m of mine) if (m.operation !== undefined && !byOperation.has(m.operation)) byOperation.set(m.operation, m);
  const names = new Map<string, string>(); // derived name → name in the merged config
  const taken = new Set(mine.map((m) => m.name));
  const toAdd: ConfigResource[] = [];
  const notAdded: string[] = [];
  for (const t of theirs) {
    const match = t.operation === undefined ? undefined : byOperation.get(t.operation);
    if (match !== undefined) names.set(t.name, match.name);
    else if (!options.addMissing) notAdded.push(`${t.name} (${t.operation ?? t.endpoint})`);
    else {
      const name = unique(t.name, taken);
      taken.add(name);
      names.set(t.name, name);
      toAdd.push(t);
    }
  }
  const changes: string[] = [];
  const warnings: string[] = [];
  const kept: string[] = [];
  const name = options.name ?? existing.name;
  if (options.name !== undefined && options.name !== existing.name) changes.push(`~ name ${shown(existing.name)} → ${shown(options.name)} (--name)`);
  else if (existing.name !== derived.name) kept.push(`kept name ${shown(existing.name)}; init derives ${shown(derived.name)}`);
  kept.push(...keyEdits("client", isObject(existing.client) ? existing.client : {}, isObject(derived.client) ? derived.client : {}));
  for (const t of theirs) {
    const match = t.operation === undefined ? undefined : byOperation.get(t.operation);
    if (match !== undefined) kept.push(...resourceEdits(match.raw, renamed(t.raw, names), t.operation!));
  }
  for (const m of mine)
    if (m.operation === undefined) warnings.push(`${m.name} (${m.endpoint}): not in the spec (gone from it, or added by hand): kept as it is`);

  const resources = Array.isArray(existing.resources) ? [...existing.resources] : [];
  passDown(resources, toAdd, { mine, theirs, names }, changes, warnings);
  for (const t of toAdd) {
    resources.push(addedResource(t.raw, names.get(t.name)!, names));
    changes.push(`+ ${names.get(t.name)} (${t.operation ?? t.endpoint})${names.get(t.name) === t.name ? "" : `: ${t.name} is taken`}`);
  }
  const schema = existing.$schema === undefined && options.schema !== undefined ? { $schema: options.schema } : {};
  if ("$schema" in schema) changes.push(`+ $schema ${shown(options.schema)}`);
  const list = Array.isArray(existing.resources) || resources.length > 0 ? { resources } : {};
  const config: Json = { ...schema, ...existing, ...(name === undefined ? {} : { name }), ...list };
  return { config, changes, kept, notAdded, warnings };
}
