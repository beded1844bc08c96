// Run parameters in the model: the declarations as the runtime's ParamSpec list, and `$param`
// objects inside JSON bodies lowered to `{params.<name>}` placeholders (typed when whole values).
import type { ParamSpec } from "../../runtime/connector.ts";
import type { ConnectorConfig, EndpointConfig } from "../config/schema.ts";

/** The declarations (collected by validateConfig) sorted by name. */
export function paramSpecs(declared: ConnectorConfig["params"]): ParamSpec[] {
  return Object.entries(declared ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, d]) => ({
      name,
      type: d.type ?? "string",
      ...(d.default === undefined ? {} : { default: d.default }),
      ...(d.description === undefined ? {} : { description: d.description }),
    }));
}

/** A JSON body with each `{"$param": name, …}` object replaced by the placeholder `"{params.<name>}"`. */
type Json = Exclude<EndpointConfig["json"], undefined>;

export function lowerJsonParams(value: Json): Json {
  if (Array.isArray(value)) return value.map(lowerJsonParams);
  if (value === null || typeof value !== "object") return value;
  const ref = (value as { $param?: unknown }).$param;
  if (typeof ref === "string") return `{params.${ref}}`;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === undefined ? v : lowerJsonParams(v)])) as Json;
}
