// Binds an endpoint's placeholders to values: parent records (`{resources.<parent>.<field>}`) and,
// later, incremental values. Path values are percent-encoded; `.`/`..`/empty segments are refused.
import { ConfigError } from "../errors.ts";
import { DataSelectorError } from "../errors.ts";
import type { RequestValues } from "../incremental/tracker.ts";
import { getPath } from "../select/jsonpath.ts";
import { stringifyJson } from "../json/stringify.ts";
import type { EndpointSpec, ParamValue } from "../connector.ts";
import { parseTemplate, renderTemplate, soleExpression } from "./template.ts";

export interface BindContext {
  /** Parent records by resource name. */
  readonly resources?: Readonly<Record<string, unknown>>;
  /** `{incremental.start_value}` & co., already converted; null when unset. */
  readonly incremental?: RequestValues;
}

/** Where a binding happens, for error messages (resource name). */
type Lookup = (expr: string) => unknown;

function lookup(ctx: BindContext, resource: string): Lookup {
  return (expr) => {
    const [scope, parent, ...rest] = expr.split(".");
    if (scope === "incremental" && parent !== undefined && ctx.incremental !== undefined && parent in ctx.incremental) {
      return (ctx.incremental as unknown as Readonly<Record<string, string | number | null>>)[parent];
    }
    if (scope !== "resources" || parent === undefined || rest.length === 0) {
      throw new ConfigError(`resource ${resource}`, [
        { path: "endpoint", message: `placeholder {${expr}} cannot be bound: expected resources.<parent>.<field>` },
      ]);
    }
    const record = ctx.resources?.[parent];
    const field = rest.join(".");
    const value = record === undefined ? undefined : getPath(record, field);
    if (value === undefined) {
      const keys = record !== null && typeof record === "object" ? Object.keys(record).slice(0, 20).join(", ") : "none";
      throw new DataSelectorError(`${resource}: the parent record of ${parent} has no field \`${field}\` for {${expr}}; its fields: ${keys}`);
    }
    return value;
  };
}

function asText(value: unknown, expr: string): string {
  if (value === null || value === undefined) {
    throw new DataSelectorError(`{${expr}} has no value (unset); use it as a whole param value, which is then left out of the request`);
  }
  // Exact numbers (ids beyond 2^53 arrive as bigints) as their digits, never rounded.
  return typeof value === "string" ? value : (stringifyJson(value) ?? String(value));
}

/** A path segment value: percent-encoded; `.`, `..` and empty values would re-target the request. */
function pathValue(value: unknown, expr: string, resource: string): string {
  const text = asText(value, expr);
  if (text === "" || text === "." || text === "..") {
    throw new DataSelectorError(`${resource}: {${expr}} is ${JSON.stringify(text)}, which cannot be placed in a URL path`);
  }
  return encodeURIComponent(text);
}

function bindJson(value: unknown, get: Lookup): unknown {
  if (typeof value === "string") {
    const sole = soleExpression(value);
    return sole !== undefined ? get(sole) : renderTemplate(parseTemplate(value), (e) => asText(get(e), e));
  }
  if (Array.isArray(value)) return value.map((v) => bindJson(v, get));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [renderTemplate(parseTemplate(k), (e) => asText(get(e), e)), bindJson(v, get)]));
  }
  return value;
}

/**
 * The endpoint with every placeholder replaced (and `{{`/`}}` unescaped), and the incremental
 * start/end params set. A param that is exactly one placeholder without a value is left out (never
 * sent as "None"); an unset value inside longer text is an error.
 */
export function bindEndpoint(endpoint: EndpointSpec, ctx: BindContext, resource: string): EndpointSpec {
  const get = lookup(ctx, resource);
  const text = (s: string) => renderTemplate(parseTemplate(s), (e) => asText(get(e), e));
  const params: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(endpoint.params)) {
    if (typeof value !== "string") params[text(name)] = value;
    else {
      const sole = soleExpression(value);
      const bound = sole === undefined ? text(value) : get(sole);
      if (bound !== null && bound !== undefined)
        params[text(name)] = typeof bound === "string" || typeof bound === "number" || typeof bound === "boolean" ? bound : asText(bound, sole ?? name);
    }
  }
  const inc = endpoint.incremental;
  const start = ctx.incremental?.start_value;
  const end = ctx.incremental?.end_value;
  // Query values are text: an integer beyond 2^53 (a bigint) goes as its exact digits.
  if (inc?.startParam && start !== null && start !== undefined) params[inc.startParam] = typeof start === "bigint" ? start.toString() : start;
  if (inc?.endParam && end !== null && end !== undefined) params[inc.endParam] = typeof end === "bigint" ? end.toString() : end;
  const headers = Object.fromEntries(Object.entries(endpoint.headers).map(([k, v]) => [text(k), text(v)]));
  const path = renderTemplate(parseTemplate(endpoint.path), (e) => pathValue(get(e), e, resource));
  const bound: EndpointSpec = { ...endpoint, path, params, headers };
  const withJson = endpoint.json === undefined ? bound : { ...bound, json: bindJson(endpoint.json, get) };
  const form = endpoint.form;
  if (form === undefined) return withJson;
  return { ...withJson, form: typeof form === "string" ? text(form) : Object.fromEntries(Object.entries(form).map(([k, v]) => [text(k), text(v)])) };
}
