// dlt's rules for merging `resource_defaults` into each resource (research §1.4, §1.5).
import type { ColumnConfig, EndpointConfig, ResourceConfig, ResourceDefaultsConfig } from "./schema.ts";

/** A resource after expansion and merging: `endpoint` is always an object with a path. */
export type MergedResource = Omit<ResourceConfig, "endpoint"> & { readonly endpoint: EndpointConfig & { readonly path: string } };

type Columns = NonNullable<ResourceConfig["columns"]>;
type ColumnMap = Record<string, ColumnConfig>;

function columnMap(columns: Columns | undefined): ColumnMap {
  if (columns === undefined) return {};
  if (!Array.isArray(columns)) return { ...columns };
  return Object.fromEntries(columns.map((c) => [c.name, c]));
}

/** Columns are deep-merged per column: hints of one column merge, resource hints win. */
function mergeColumns(defaults: Columns | undefined, own: Columns | undefined): Columns | undefined {
  if (defaults === undefined) return own;
  if (own === undefined) return defaults;
  const merged = columnMap(defaults);
  for (const [name, hints] of Object.entries(columnMap(own))) merged[name] = { ...merged[name], ...hints };
  return merged;
}

function mergeOneLevel<T extends Record<string, unknown>>(defaults: T | undefined, own: T | undefined): T | undefined {
  if (defaults === undefined || own === undefined) return own ?? defaults;
  return { ...defaults, ...own };
}

/** Endpoint keys are a shallow union (resource wins); params and json merge one level deep. */
function mergeEndpoint(defaults: EndpointConfig | undefined, own: EndpointConfig & { path: string }): EndpointConfig & { path: string } {
  if (defaults === undefined) return own;
  const merged: EndpointConfig & { path: string } = { ...defaults, ...own };
  const params = mergeOneLevel(defaults.params, own.params);
  if (params !== undefined) merged.params = params;
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  if (isObject(defaults.json) && isObject(own.json)) merged.json = { ...defaults.json, ...own.json } as EndpointConfig["json"];
  return merged;
}

/** Expands a string resource, fills the default path, and merges `resource_defaults` into it. */
export function mergeResource(entry: string | ResourceConfig, defaults: ResourceDefaultsConfig | undefined): MergedResource {
  const own: ResourceConfig = typeof entry === "string" ? { name: entry } : entry;
  const endpoint = typeof own.endpoint === "string" ? { path: own.endpoint } : { ...own.endpoint };
  const withPath = { ...endpoint, path: endpoint.path ?? own.name };
  const defaultEndpoint = typeof defaults?.endpoint === "object" ? defaults.endpoint : undefined;
  const { endpoint: _ignored, ...defaultKeys } = defaults ?? {};
  const merged: MergedResource = { ...defaultKeys, ...own, endpoint: mergeEndpoint(defaultEndpoint, withPath) };
  const columns = mergeColumns(defaults?.columns, own.columns);
  return columns === undefined ? merged : { ...merged, columns };
}
