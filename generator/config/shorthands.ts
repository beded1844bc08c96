// dlt's accepted shorthands and legacy forms, rewritten into the canonical grammar before
// validation (the input is never mutated): an auth object without `type` is bearer, the paginator
// name `json_response` is `json_link`, and a `{type: "incremental", …}` query param becomes
// `endpoint.incremental` with that param as `start_param`.

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function auth(value: unknown): unknown {
  return isObject(value) && !("type" in value) && "token" in value ? { type: "bearer", ...value } : value;
}

function paginator(value: unknown): unknown {
  if (value === "json_response") return "json_link";
  return isObject(value) && value.type === "json_response" ? { ...value, type: "json_link" } : value;
}

function endpoint(value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Json = { ...value };
  if ("auth" in out) out.auth = auth(out.auth);
  if ("paginator" in out) out.paginator = paginator(out.paginator);
  if (isObject(out.params)) {
    const params: Json = {};
    for (const [name, param] of Object.entries(out.params)) {
      const legacy = isObject(param) && param.type === "incremental" && !("incremental" in value);
      if (!legacy) {
        params[name] = param;
        continue;
      }
      const { type: _type, ...rest } = param;
      // Every key moves along, so validation reports any the form does not allow at its new place.
      out.incremental = { ...rest, start_param: name };
    }
    out.params = params;
  }
  return out;
}

function resource(value: unknown): unknown {
  return isObject(value) && "endpoint" in value ? { ...value, endpoint: endpoint(value.endpoint) } : value;
}

/** The config with dlt's shorthands and legacy forms rewritten; anything else is returned as is. */
export function expandShorthands(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const out: Json = { ...raw };
  if (isObject(out.client)) {
    const client: Json = { ...out.client };
    if ("auth" in client) client.auth = auth(client.auth);
    if ("paginator" in client) client.paginator = paginator(client.paginator);
    out.client = client;
  }
  if (isObject(out.resource_defaults)) out.resource_defaults = resource(out.resource_defaults);
  if (Array.isArray(out.resources)) out.resources = out.resources.map(resource);
  return out;
}
