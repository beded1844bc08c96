// Which spec operation each resource of a config reads (`GET /tickets/{ticket_id}/comments`), found
// the way generation finds it (base URL, placeholders, bound values), so a resource is recognised by
// its endpoint whatever the user renamed it, its parent or its path placeholders to.
import { findOperation } from "../openapi/operation.ts";
import type { LoadedSpec, Operation } from "../openapi/spec/index.ts";
import { isObject, type Json } from "./schema-view.ts";

export interface ConfigResource {
  /** Its name (a string resource is its own name). */
  readonly name: string;
  /** As written in the config (a string or an object). */
  readonly raw: unknown;
  /** `GET /v1/tickets`: method and endpoint path as the config has them (for messages). */
  readonly endpoint: string;
  /** `GET /v1/tickets/{ticket_id}`: the spec operation it reads, or undefined when none matches. */
  readonly operation: string | undefined;
}

function endpointOf(resource: Json): Json {
  return typeof resource.endpoint === "string" ? { path: resource.endpoint } : isObject(resource.endpoint) ? resource.endpoint : {};
}

/** The method and path a resource requests (endpoint defaults from resource_defaults, path defaulting to the name). */
function request(raw: unknown, defaults: Json): { name: string; method: string; path: string } | undefined {
  const resource: Json = typeof raw === "string" ? { name: raw, endpoint: raw } : isObject(raw) ? raw : {};
  if (typeof resource.name !== "string") return undefined;
  const endpoint = endpointOf(resource);
  const fallback = endpointOf(defaults);
  const method = typeof endpoint.method === "string" ? endpoint.method : typeof fallback.method === "string" ? fallback.method : "GET";
  const path = typeof endpoint.path === "string" ? endpoint.path : resource.name;
  return { name: resource.name, method: method.toUpperCase(), path };
}

/** The operation key of a spec operation, as `ConfigResource.operation` spells it. */
export function operationKey(op: Pick<Operation, "method" | "path">): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

/** Every named resource of `config` with the spec operation it reads (resources without a name are skipped). */
export function configResources(spec: LoadedSpec, ops: readonly Operation[], config: Json): ConfigResource[] {
  const baseUrl = isObject(config.client) && typeof config.client.base_url === "string" ? config.client.base_url : "";
  const defaults = isObject(config.resource_defaults) ? config.resource_defaults : {};
  const list = Array.isArray(config.resources) ? config.resources : [];
  return list.flatMap((raw): ConfigResource[] => {
    const wanted = request(raw, defaults);
    if (wanted === undefined) return [];
    const match = findOperation(spec, ops, baseUrl, wanted.path, wanted.method);
    return [
      { name: wanted.name, raw, endpoint: `${wanted.method} ${wanted.path}`, operation: "operation" in match ? operationKey(match.operation) : undefined },
    ];
  });
}
