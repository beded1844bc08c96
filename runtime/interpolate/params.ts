// Binds `{params.<name>}` placeholders to run parameter values, before any request. Each position
// gets what is safe there: a base URL's host only DNS-label text, its port only digits, a path
// segment percent-encoded (never `.`/`..`/empty), a header no line breaks. Endpoint parts stay
// templates (literal text re-escaped) for the per-request binding of parents and cursors.
import { ParamValueError } from "../errors.ts";
import type { ClientSpec, ConnectorSpec, EndpointSpec, ParamValue } from "../connector.ts";
import { defaultSecretSource, type SecretSource } from "../secrets/resolve.ts";
import { resolveParams, type ParamValues } from "./param-values.ts";
import { escapeTemplate, parseTemplate, soleExpression } from "./template.ts";

const SCOPE = "params.";
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

type Render = (value: ParamValue, name: string) => string;

function paramValue(values: ParamValues, name: string): ParamValue {
  const value = values[name];
  if (value === undefined) throw new ParamValueError(`{${SCOPE}${name}} names no parameter of this connector`);
  return value;
}

function paramOf(expr: string): string | undefined {
  return expr.startsWith(SCOPE) ? expr.slice(SCOPE.length) : undefined;
}

/** `template` with each `{params.x}` replaced by its rendered value; other fields and escapes kept. */
function substitute(template: string, values: ParamValues, render: Render): string {
  if (!template.includes("{")) return template;
  return parseTemplate(template)
    .map((part) => {
      if (typeof part === "string") return escapeTemplate(part);
      const name = paramOf(part.expr);
      return name === undefined ? `{${part.expr}}` : escapeTemplate(render(paramValue(values, name), name));
    })
    .join("");
}

/** A whole-value `{params.x}` keeps its type (a number param is sent as a number); other text is substituted. */
function typedOrText(text: string, values: ParamValues, render: Render): ParamValue {
  const name = paramOf(soleExpression(text) ?? "");
  if (name === undefined) return substitute(text, values, render);
  const value = paramValue(values, name);
  return typeof value === "string" ? escapeTemplate(value) : value;
}

const asText: Render = (value) => String(value);

function headerText(value: ParamValue, name: string): string {
  const text = String(value);
  if (/[\r\n\0]/.test(text)) throw new ParamValueError(`parameter "${name}" contains a line break or NUL, which cannot go into a header`);
  return text;
}

function pathSegment(value: ParamValue, name: string): string {
  const text = String(value);
  if (text === "" || text === "." || text === "..")
    throw new ParamValueError(`parameter "${name}" is ${JSON.stringify(text)}, which cannot be placed in a URL path`);
  return encodeURIComponent(text);
}

/** `template` as plain text (client headers are sent as is): literal text unescaped, each `{params.x}` rendered. */
function renderPlain(template: string, values: ParamValues, show: Render): string {
  return parseTemplate(template)
    .map((part) => {
      if (typeof part === "string") return part;
      const name = paramOf(part.expr);
      if (name === undefined) throw new ParamValueError(`{${part.expr}} in a client header is not a {${SCOPE}<name>} placeholder`);
      return show(paramValue(values, name), name);
    })
    .join("");
}

/** Where in a base URL the text so far ends: before `://` (the whole URL), in the host, the port, or after. */
function urlPosition(before: string): "whole" | "host" | "port" | "rest" {
  const scheme = before.indexOf("://");
  if (scheme < 0) return "whole";
  const authority = before.slice(scheme + 3);
  if (/[/?#]/.test(authority)) return "rest";
  return authority.includes(":") ? "port" : "host";
}

/** The base URL with its parameters placed safely; the result must be an http(s) URL. */
export function bindBaseUrl(template: string, values: ParamValues): string {
  const parts = parseTemplate(template);
  let url = "";
  for (const part of parts) {
    if (typeof part === "string") {
      url += part;
      continue;
    }
    const name = paramOf(part.expr);
    if (name === undefined) throw new ParamValueError(`base URL ${JSON.stringify(template)}: {${part.expr}} is not a {${SCOPE}<name>} placeholder`);
    const text = String(paramValue(values, name));
    const at = urlPosition(url);
    const bad = (what: string) => new ParamValueError(`parameter "${name}" is ${JSON.stringify(text)}, which is not ${what} (in base URL ${template})`);
    if (at === "whole") {
      if (parts.length !== 1) throw new ParamValueError(`base URL ${JSON.stringify(template)}: a parameter before "://" must be the whole URL`);
      url += text;
    } else if (at === "host") {
      if (!HOST.test(text)) throw bad("a host name or part of one (letters, digits, - and .)");
      url += text;
    } else if (at === "port") {
      if (!/^[0-9]{1,5}$/.test(text)) throw bad("a port number");
      url += text;
    } else url += pathSegment(text, name);
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:"))
    throw new ParamValueError(`base URL ${JSON.stringify(template)} with its parameters is ${JSON.stringify(url)}, not an http(s) URL`);
  return url;
}

/** The client with its parameters bound (and no longer declared): base URL and header values. */
export function bindClientParams(client: ClientSpec, values: ParamValues): ClientSpec {
  if (client.params === undefined) return client;
  const { params: _declared, ...rest } = client;
  const headers = Object.fromEntries(Object.entries(client.headers).map(([k, v]) => [k, renderPlain(v, values, headerText)]));
  return { ...rest, baseUrl: bindBaseUrl(client.baseUrl, values), headers };
}

function bindJson(value: unknown, values: ParamValues): unknown {
  if (typeof value === "string") return typedOrText(value, values, asText);
  if (Array.isArray(value)) return value.map((v) => bindJson(v, values));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [substitute(k, values, asText), bindJson(v, values)]));
  }
  return value;
}

/** The endpoint with its parameters bound: path, query params, headers, bodies, the incremental initial value. */
export function bindEndpointParams(endpoint: EndpointSpec, values: ParamValues): EndpointSpec {
  if (Object.keys(values).length === 0) return endpoint;
  const params = Object.fromEntries(Object.entries(endpoint.params).map(([k, v]) => [k, typeof v === "string" ? typedOrText(v, values, asText) : v]));
  const headers = Object.fromEntries(Object.entries(endpoint.headers).map(([k, v]) => [k, substitute(v, values, headerText)]));
  const bound: EndpointSpec = { ...endpoint, path: substitute(endpoint.path, values, pathSegment), params, headers };
  const withJson = endpoint.json === undefined ? bound : { ...bound, json: bindJson(endpoint.json, values) };
  const form = endpoint.form;
  const withForm =
    form === undefined
      ? withJson
      : {
          ...withJson,
          form:
            typeof form === "string"
              ? substitute(form, values, asText)
              : Object.fromEntries(Object.entries(form).map(([k, v]) => [k, substitute(v, values, asText)])),
        };
  const inc = endpoint.incremental;
  if (inc?.initialParam === undefined) return withForm;
  const { initialParam, ...rest } = inc;
  const initial = paramValue(values, initialParam);
  if (typeof initial === "boolean")
    throw new ParamValueError(`parameter "${initialParam}" is an incremental initial_value: expected a string or a number, got ${initial}`);
  return { ...withForm, incremental: { ...rest, initialValue: initial } };
}

/** The connector with every parameter bound; `values` from resolveParams over `connector.client.params`. */
export function bindConnectorParams(connector: ConnectorSpec, values: ParamValues): ConnectorSpec {
  if (connector.client.params === undefined) return connector;
  return {
    ...connector,
    client: bindClientParams(connector.client, values),
    resources: connector.resources.map((r) => ({ ...r, endpoint: bindEndpointParams(r.endpoint, values) })),
  };
}

/** The connector with its parameters resolved (`options.params`, GC_PARAM_<NAME>, `.env`, defaults) and bound; throws before any request. */
export function withParams(connector: ConnectorSpec, options: { readonly params?: ParamValues; readonly secrets?: SecretSource }): ConnectorSpec {
  const declared = connector.client.params ?? [];
  const supplied = options.params ?? {};
  if (declared.length === 0 && Object.keys(supplied).length === 0) return connector;
  return bindConnectorParams(connector, resolveParams(declared, supplied, options.secrets ?? defaultSecretSource()));
}
