// Binds an endpoint's placeholders to values: parent records (`{resources.<parent>.<field>}`) and,
// later, incremental values. Path values are percent-encoded; `.`/`..`/empty segments are refused.
import { ConfigError } from "../errors.ts";
import { DataSelectorError } from "../errors.ts";
import { getPath } from "../select/jsonpath.ts";
import type { EndpointSpec, ParamValue } from "../spec.ts";
import { parseTemplate, renderTemplate, soleExpression } from "./template.ts";

export interface BindContext {
  /** Parent records by resource name. */
  readonly resources?: Readonly<Record<string, unknown>>;
}

/** Where a binding happens, for error messages (resource name). */
type Lookup = (expr: string) => unknown;

function lookup(ctx: BindContext, resource: string): Lookup {
  return (expr) => {
    const [scope, parent, ...rest] = expr.split(".");
    if (scope !== "resources" || parent === undefined || rest.length === 0) {
      throw new ConfigError(`resource ${resource}`, [{ path: "endpoint", message: `placeholder {${expr}} cannot be bound: expected resources.<parent>.<field>` }]);
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

function asText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A path segment value: percent-encoded; `.`, `..` and empty values would re-target the request. */
function pathValue(value: unknown, expr: string, resource: string): string {
  const text = asText(value);
  if (text === "" || text === "." || text === "..") {
    throw new DataSelectorError(`${resource}: {${expr}} is ${JSON.stringify(text)}, which cannot be placed in a URL path`);
  }
  return encodeURIComponent(text);
}

function bindJson(value: unknown, get: Lookup): unknown {
  if (typeof value === "string") {
    const sole = soleExpression(value);
    return sole !== undefined ? get(sole) : renderTemplate(parseTemplate(value), (e) => asText(get(e)));
  }
  if (Array.isArray(value)) return value.map((v) => bindJson(v, get));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [renderTemplate(parseTemplate(k), (e) => asText(get(e))), bindJson(v, get)]));
  }
  return value;
}

/** The endpoint with every placeholder replaced (and `{{`/`}}` unescaped); a param that is one null placeholder is dropped. */
export function bindEndpoint(endpoint: EndpointSpec, ctx: BindContext, resource: string): EndpointSpec {
  const get = lookup(ctx, resource);
  const text = (s: string) => renderTemplate(parseTemplate(s), (e) => asText(get(e)));
  const params: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(endpoint.params)) {
    if (typeof value !== "string") params[text(name)] = value;
    else {
      const sole = soleExpression(value);
      const bound = sole === undefined ? text(value) : get(sole);
      if (bound !== null && bound !== undefined) params[text(name)] = typeof bound === "string" || typeof bound === "number" || typeof bound === "boolean" ? bound : asText(bound);
    }
  }
  const headers = Object.fromEntries(Object.entries(endpoint.headers).map(([k, v]) => [text(k), text(v)]));
  const path = renderTemplate(parseTemplate(endpoint.path), (e) => pathValue(get(e), e, resource));
  const bound: EndpointSpec = { ...endpoint, path, params, headers };
  return endpoint.json === undefined ? bound : { ...bound, json: bindJson(endpoint.json, get) };
}
