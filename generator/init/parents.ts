// Parent/child endpoints: `/tickets/{ticket_id}/comments` is a child of the list endpoint
// `/tickets`, whose records provide `ticket_id`. Every path variable is bound: the last one from
// the parent's record, earlier ones passed down through the parent's include_from_parent.
import { escapeTemplate } from "../../runtime/interpolate/template.ts";
import { normalizeName } from "../../runtime/vocabulary/names.ts";
import type { LoadedSpec } from "../openapi/spec/load.ts";
import { singular, snakeCase } from "./names.ts";
import { objectView } from "./schema-view.ts";

export interface ListNode {
  readonly name: string;
  readonly path: string;
  readonly items: unknown;
  readonly primaryKey: string | undefined;
  /** It needs values filled in before it can run (a poor parent). */
  readonly needsInput: boolean;
}

export interface ParentLink {
  readonly parent: string;
  /** The endpoint path with `{resources.<parent>.<field>}` placeholders. */
  readonly path: string;
  /** Fields the parent must include from its own parent (`include_from_parent`). */
  readonly parentIncludes: readonly string[];
  readonly evidence: string;
}

export type Linked = { readonly link: ParentLink } | { readonly warning: string } | { readonly root: true };

const VAR = /\{([^{}]*)\}/;
const KEY_LIKE = new Set(["id", "gid", "uuid", "sid", "key", "slug", "code", "number"]);
const FIELD = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function shape(path: string): string {
  return path
    .split("/")
    .map((s) => (VAR.test(s) ? "{}" : s))
    .join("/");
}

/** The parent's record field that provides `variable`, or undefined. */
function fieldFor(spec: LoadedSpec, variable: string, parent: ListNode): string | undefined {
  const props = [...objectView(spec, parent.items).props.keys()];
  const v = normalizeName(variable);
  // `{customer}`, `{company_id}`, `{project_gid}` under `/customers`, `/companies`, `/projects`: the parent's own key.
  const segments = parent.path.split("/").filter((s) => s !== "" && !VAR.test(s));
  const last = snakeCase(segments.at(-1) ?? "");
  const entity = [last, singular(last)].map(normalizeName);
  const key = parent.primaryKey;
  const ownKey = (e: string) => v === e || v === `${e}${normalizeName(key ?? "")}` || (e.endsWith(v) && v.length >= 3 && /_/.test(last));
  if (key !== undefined && entity.some(ownKey)) return key;
  const exact = props.find((p) => normalizeName(p) === v);
  if (exact !== undefined) return exact;
  const suffix = props.filter((p) => v.endsWith(normalizeName(p)) && normalizeName(p).length >= 2).sort((a, b) => b.length - a.length)[0];
  return suffix !== undefined && KEY_LIKE.has(normalizeName(suffix)) ? suffix : undefined;
}

/** The endpoint listing the records `prefix` ends in: same path shape, else (one variable only) any list of that collection. */
function findParent(nodes: readonly ListNode[], prefix: string, variables: number): { parent: ListNode; exact: boolean } | undefined {
  const exact = nodes.find((n) => shape(n.path) === shape(prefix));
  if (exact !== undefined) return { parent: exact, exact: true };
  const collection = prefix.split("/").at(-1) ?? "";
  if (variables !== 1 || collection === "" || VAR.test(collection)) return undefined;
  const literal = (path: string) => path.split("/").filter((seg) => seg !== "" && !VAR.test(seg));
  const wanted = literal(prefix);
  // Every literal segment of the prefix, in order, in the candidate's path: `/teams` ⊂ `/workspaces/{w}/teams`.
  const contains = (path: string) => {
    let i = 0;
    for (const seg of literal(path)) if (seg === wanted[i]) i++;
    return i === wanted.length;
  };
  const count = (n: ListNode) => n.path.split("/").filter((seg) => VAR.test(seg)).length;
  const same = nodes
    .filter((n) => n.path.split("/").at(-1) === collection && contains(n.path))
    .sort((a, b) => Number(a.needsInput) - Number(b.needsInput) || count(a) - count(b) || (a.path < b.path ? -1 : 1));
  return same[0] === undefined ? undefined : { parent: same[0], exact: false };
}

/** Links every list endpoint with path variables to its parent; nodes without variables are roots. */
export function linkParents(spec: LoadedSpec, nodes: readonly ListNode[]): Map<string, Linked> {
  const out = new Map<string, Linked>();
  const active = new Set<string>();
  const resolve = (node: ListNode): Linked => {
    const known = out.get(node.name);
    if (known !== undefined) return known;
    if (active.has(node.name)) return { warning: `its parent chain loops back to ${node.path}: skipped` };
    active.add(node.name);
    const linked = link(node);
    active.delete(node.name);
    out.set(node.name, linked);
    return linked;
  };
  const link = (node: ListNode): Linked => {
    const segments = node.path.split("/");
    const last = segments.findLastIndex((seg) => VAR.test(seg));
    if (last < 0) return { root: true };
    const variable = VAR.exec(segments[last]!)![1]!;
    const prefix = segments.slice(0, last).join("/");
    const found = findParent(nodes, prefix, segments.filter((seg) => VAR.test(seg)).length);
    if (found === undefined) return { warning: `no list endpoint at ${prefix || "/"} provides {${variable}}: skipped (it cannot run without a value)` };
    const { parent } = found;
    const parentLinked = resolve(parent);
    if ("warning" in parentLinked) return { warning: `its parent ${parent.path} was skipped: skipped too` };
    const field = fieldFor(spec, variable, parent);
    if (field === undefined || !FIELD.test(field)) {
      const fields = [...objectView(spec, parent.items).props.keys()].slice(0, 12).join(", ");
      return { warning: `no field of ${parent.path}'s records provides {${variable}} (fields: ${fields || "none declared"}): skipped` };
    }
    // Earlier variables sit at the same places in the parent's own (placeholder) path.
    const parentPath = "link" in parentLinked ? parentLinked.link.path.split("/") : [];
    const includes: string[] = [];
    const bound = segments.map((segment, i) => {
      const match = VAR.exec(segment);
      if (match === null) return escapeTemplate(segment);
      const [before, after] = [segment.slice(0, match.index), segment.slice(match.index + match[0].length)];
      if (i === last) return `${escapeTemplate(before)}{resources.${parent.name}.${field}}${escapeTemplate(after)}`;
      const upper = /\{resources\.([^.{}]+)\.([^{}]+)\}/.exec(parentPath[i] ?? "")!;
      includes.push(upper[2]!);
      return `${escapeTemplate(before)}{resources.${parent.name}._${upper[1]}_${upper[2]}}${escapeTemplate(after)}`;
    });
    const via = found.exact ? parent.path : `${parent.path}, the list of ${prefix.split("/").at(-1)} (no list endpoint at ${prefix})`;
    const passed = includes.length === 0 ? "" : `; earlier path variables come from ${parent.name}'s include_from_parent`;
    const evidence = `{${variable}} is the \`${field}\` of a ${parent.name} record (${via})${passed}`;
    return { link: { parent: parent.name, path: bound.join("/"), parentIncludes: includes, evidence } };
  };
  for (const node of nodes) resolve(node);
  return out;
}
