// Parent/child resources: placeholder validation, static and `resolve` path params, the parent of
// each resource, and the run order (parents first). Errors follow dlt's wording where it is clear.
import type { ConfigIssue } from "../../runtime/errors.ts";
import { escapeTemplate, parseTemplate, TemplateSyntaxError, type TemplatePart } from "../../runtime/interpolate/template.ts";
import type { ParamValue } from "../../runtime/connector.ts";
import type { MergedResource } from "../config/merge-defaults.ts";

const SCOPES = ["resources", "incremental", "params"];

export interface BoundEndpoint {
  readonly path: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The parent resource's config name, when the endpoint references one. */
  readonly parent: string | null;
}

type ResolveParam = { readonly type: "resolve"; readonly resource: string; readonly field: string };

function isResolve(value: unknown): value is ResolveParam {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "resolve";
}

function parse(text: string, at: string, issues: ConfigIssue[]): TemplatePart[] | undefined {
  try {
    return parseTemplate(text);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    issues.push({ path: at, message: `${error.message}, got ${JSON.stringify(text)}` });
    return undefined;
  }
}

/** Checks one dotted placeholder; returns the parent it names (or undefined). */
const INCREMENTAL_VALUES = ["start_value", "end_value", "initial_value", "last_value", "window_start", "window_end"];

function checkExpression(expr: string, at: string, where: string, incremental: boolean, issues: ConfigIssue[]): string | undefined {
  const [scope, parent, ...field] = expr.split(".");
  if (scope === "resources") {
    if (parent && field.length > 0 && field.every((f) => f !== "")) return parent;
    issues.push({ path: at, message: `invalid placeholder {${expr}}: expected format {resources.<resource>.<field>}` });
  } else if (scope === "params") {
    // Declared by this use (generator/config/params.ts); its name was checked there.
    if (parent === undefined || field.length > 0) issues.push({ path: at, message: `invalid placeholder {${expr}}: expected format {params.<name>}` });
  } else if (scope === "incremental" && parent !== undefined) {
    if (!incremental) issues.push({ path: at, message: `placeholder {${expr}} needs endpoint.incremental` });
    else if (field.length > 0 || !INCREMENTAL_VALUES.includes(parent))
      issues.push({ path: at, message: `invalid placeholder {${expr}}: expected one of ${INCREMENTAL_VALUES.map((v) => `{incremental.${v}}`).join(", ")}` });
  } else {
    issues.push({ path: at, message: `placeholder {${expr}} in ${where} is not valid: valid expressions start with one of: ${SCOPES.join(", ")}` });
  }
  return undefined;
}

/** Every string (keys and values) inside a JSON body or headers, with its path. */
function strings(value: unknown, at: string): [string, string][] {
  if (typeof value === "string") return [[value, at]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [[k, `${at}.${k}`] as [string, string], ...strings(v, `${at}.${k}`)]);
  }
  return [];
}

/** Binds static and `resolve` path params, validates every placeholder, and finds the parent. */
export function bindPlaceholders(resource: MergedResource, at: string, issues: ConfigIssue[]): BoundEndpoint {
  const ep = resource.endpoint;
  const incremental = ep.incremental !== undefined;
  const parents = new Set<string>();
  const params: Record<string, ParamValue> = {};
  const used = new Set<string>();
  const pathParts = parse(ep.path, `${at}.endpoint.path`, issues) ?? [ep.path];
  let path = "";
  for (const part of pathParts) {
    if (typeof part === "string") {
      path += escapeTemplate(part);
      continue;
    }
    if (part.expr.includes(".")) {
      const parent = checkExpression(part.expr, `${at}.endpoint.path`, "path", incremental, issues);
      if (parent !== undefined) parents.add(parent);
      path += `{${part.expr}}`;
      continue;
    }
    const bound = ep.params?.[part.expr];
    used.add(part.expr);
    if (bound === undefined) {
      issues.push({
        path: `${at}.endpoint.path`,
        message: `the path ${JSON.stringify(ep.path)} requires a param named "${part.expr}", but it was not found in endpoint.params`,
      });
    } else if (isResolve(bound)) {
      parents.add(bound.resource);
      path += `{resources.${bound.resource}.${bound.field}}`;
    } else {
      path += escapeTemplate(encodeURIComponent(String(bound)));
    }
  }
  for (const [name, value] of Object.entries(ep.params ?? {})) {
    if (used.has(name)) continue;
    if (isResolve(value)) {
      issues.push({
        path: `${at}.endpoint.params.${name}`,
        message: `resolve param "${name}" is not bound in path ${JSON.stringify(ep.path)}; to use a parent field in the query write "{resources.${value.resource}.${value.field}}"`,
      });
      continue;
    }
    params[name] = value;
  }
  const templated: [string, string, string][] = [
    ...Object.entries(params).flatMap(([k, v]) => (typeof v === "string" ? [[v, `${at}.endpoint.params.${k}`, "params"] as [string, string, string]] : [])),
    ...strings(ep.json, `${at}.endpoint.json`).map(([s, p]) => [s, p, "json"] as [string, string, string]),
    ...strings(ep.data, `${at}.endpoint.data`).map(([s, p]) => [s, p, "data"] as [string, string, string]),
    ...strings(ep.headers ?? {}, `${at}.endpoint.headers`).map(([s, p]) => [s, p, "headers"] as [string, string, string]),
  ];
  for (const [text, where, kind] of templated) {
    for (const part of parse(text, where, issues) ?? []) {
      if (typeof part === "string") continue;
      const parent = checkExpression(part.expr, where, kind, incremental, issues);
      if (parent !== undefined) parents.add(parent);
    }
  }
  if (parents.size > 1) {
    issues.push({
      path: `${at}.endpoint`,
      message: `multiple parent resources for resource "${resource.name}": ${[...parents].map((p) => JSON.stringify(p)).join(", ")}`,
    });
  }
  const [parent] = parents;
  return { path, params, parent: parent ?? null };
}

/** Orders resources parents-first (stable otherwise); reports unknown parents and cycles. */
export function runOrder(names: readonly string[], parents: readonly (string | null)[], issues: ConfigIssue[]): number[] {
  const index = new Map(names.map((n, i) => [n, i]));
  parents.forEach((p, i) => {
    if (p !== null && !index.has(p))
      issues.push({ path: `resources[${i}].endpoint`, message: `resource "${names[i]}" refers to a parent resource "${p}" that does not exist` });
  });
  const order: number[] = [];
  const state = new Map<number, "visiting" | "done">();
  const visit = (i: number, trail: number[]): void => {
    if (state.get(i) === "done") return;
    if (state.get(i) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(i)), i].map((j) => names[j]).join(" → ");
      issues.push({ path: `resources[${i}].endpoint`, message: `resources form a cycle: ${cycle}` });
      return;
    }
    state.set(i, "visiting");
    const p = parents[i];
    const pi = p === null || p === undefined ? undefined : index.get(p);
    if (pi !== undefined) visit(pi, [...trail, i]);
    state.set(i, "done");
    order.push(i);
  };
  for (let i = 0; i < names.length; i++) visit(i, []);
  return order;
}
