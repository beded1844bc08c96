// The run's plan (pure): which resources run — the chosen ones plus every ancestor that feeds them —
// as a forest of parents and children, and in which order the trees run.
import type { ConnectorSpec, ResourceSpec } from "../connector.ts";
import { ConfigError, UsageError } from "../errors.ts";

/** One resource in the plan: whether its rows are loaded (else it only feeds children), and its children. */
export interface PlannedResource {
  readonly resource: ResourceSpec;
  readonly load: boolean;
  /** The parent's primary key fields (identify a parent record's own cursor); empty for a root. */
  readonly parentKey: readonly string[];
  readonly children: readonly PlannedResource[];
}

export interface Plan {
  /** Every tree, in config order. */
  readonly roots: readonly PlannedResource[];
  /** `parallelized` trees: run concurrently, before the others. */
  readonly parallel: readonly PlannedResource[];
  /** The other trees: one after another, in config order. */
  readonly sequential: readonly PlannedResource[];
}

/** The resources to run by config name: `names`, or every selected one; an unknown name is a usage error. */
export function chooseResources(connector: ConnectorSpec, names: readonly string[] | undefined): Set<string> {
  if (names === undefined || names.length === 0) return new Set(connector.resources.filter((r) => r.selected).map((r) => r.name));
  const known = new Set(connector.resources.map((r) => r.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    const valid = connector.resources.map((r) => JSON.stringify(r.name)).join(", ");
    throw new UsageError(`unknown resource ${unknown.map((n) => JSON.stringify(n)).join(", ")}: ${connector.name} has ${valid}`);
  }
  return new Set(names);
}

/** The forest of resources to run: the chosen ones plus every ancestor that feeds them. */
export function planRun(connector: ConnectorSpec, chosen: ReadonlySet<string>): Plan {
  const byName = new Map(connector.resources.map((r) => [r.name, r]));
  const needed = new Set<string>();
  for (const name of chosen) {
    for (let r = byName.get(name); r !== undefined && !needed.has(r.name); r = r.parent ? byName.get(r.parent.resource) : undefined) needed.add(r.name);
  }
  const nodes = new Map<string, { resource: ResourceSpec; load: boolean; parentKey: readonly string[]; children: PlannedResource[] }>();
  const roots: PlannedResource[] = [];
  for (const resource of connector.resources) {
    if (!needed.has(resource.name)) continue;
    const parent = resource.parent === null ? undefined : nodes.get(resource.parent.resource);
    const node = { resource, load: chosen.has(resource.name), parentKey: parent?.resource.primaryKey ?? [], children: [] };
    nodes.set(resource.name, node);
    if (parent !== undefined) parent.children.push(node);
    else roots.push(node);
  }
  refuseWindowedChildren(roots);
  const parallel = roots.filter((r) => r.resource.parallelized === true);
  return { roots, parallel, sequential: roots.filter((r) => !parallel.includes(r)) };
}

/** Every resource of `nodes`, parents before their children. */
export function* walk(nodes: readonly PlannedResource[]): Generator<PlannedResource> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.children);
  }
}

/** A root's windows carry its children; a child's own windows (one backfill per parent record) are not supported yet. */
function refuseWindowedChildren(roots: readonly PlannedResource[]): void {
  const issues = [...walk(roots)]
    .filter((n) => n.resource.parent !== null && n.resource.endpoint.incremental?.window !== undefined)
    .map((n) => ({
      path: `resources.${n.resource.name}.endpoint.incremental.window`,
      message: `windows are supported on top-level resources (their children run within each window); ${n.resource.name} is a child of ${n.resource.parent?.resource}`,
    }));
  if (issues.length > 0) throw new ConfigError("connector", issues);
}
