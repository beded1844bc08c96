// Which list endpoints become resources: those matched by --include whose parents can be found,
// plus the parents they need (unselected unless matched); unselected too when inputs are missing.
import type { ListEndpoint } from "./endpoint.ts";
import type { Linked, ParentLink } from "./parents.ts";
import type { ResourcePlan } from "./resource.ts";

export interface Analysed {
  readonly name: string;
  readonly endpoint: ListEndpoint;
  readonly linked: Linked;
}

function linkOf(a: Analysed): ParentLink | undefined {
  return "link" in a.linked ? a.linked.link : undefined;
}

/** The resource plans (sorted by path) and a warning per chosen endpoint that cannot run. */
export function planResources(all: readonly Analysed[], chosen: ReadonlySet<string>): { plans: ResourcePlan[]; skipped: string[] } {
  const byName = new Map(all.map((a) => [a.name, a]));
  const ancestors = (a: Analysed): Analysed[] => {
    const out: Analysed[] = [];
    for (let link = linkOf(a); link !== undefined; link = linkOf(out[out.length - 1]!)) out.push(byName.get(link.parent)!);
    return out;
  };
  const skipped = all
    .filter((a) => chosen.has(a.name) && "warning" in a.linked)
    .map((a) => `${a.endpoint.op.path}: ${"warning" in a.linked ? a.linked.warning : ""}`);
  const needed = new Map<string, Analysed>();
  for (const a of all) {
    if (!chosen.has(a.name) || "warning" in a.linked) continue;
    for (const x of [a, ...ancestors(a)]) needed.set(x.name, x);
  }
  const included = [...needed.values()].sort((a, b) => (a.endpoint.op.path < b.endpoint.op.path ? -1 : a.endpoint.op.path > b.endpoint.op.path ? 1 : 0));
  const includes = new Map<string, string[]>();
  for (const a of included) {
    const link = linkOf(a);
    if (link !== undefined) includes.set(link.parent, [...(includes.get(link.parent) ?? []), ...link.parentIncludes]);
  }
  const plans = included.map((a): ResourcePlan => {
    const blocked = ancestors(a).find((p) => p.endpoint.missing.length > 0);
    const because =
      a.endpoint.missing.length > 0
        ? "required values are missing (FILL_ME_IN)"
        : blocked !== undefined
          ? `its parent ${blocked.name} needs values filled in first`
          : chosen.has(a.name)
            ? undefined
            : "it runs only to feed its children (not matched by --include)";
    return {
      name: a.name,
      endpoint: a.endpoint,
      link: linkOf(a),
      includes: includes.get(a.name) ?? [],
      selected: because === undefined,
      unselectedBecause: because,
    };
  });
  return { plans, skipped };
}
