// client.auth from securitySchemes and the security requirements: api_key (header/query/cookie),
// bearer, http_basic, oauth2 client credentials. The runtime's auth registry gives each kind's keys,
// which of them hold secrets (`{"$secret": "<connector>_<key>"}`) and whether a config is valid.
import { authKind, authKinds, type AuthType } from "../../runtime/auth/index.ts";
import { kindObject } from "../../runtime/kind.ts";
import type { LoadedSpec } from "../openapi/spec/load.ts";
import type { Operation } from "../openapi/spec/operations.ts";
import { deref } from "../openapi/spec/resolve.ts";
import { isObject, type Json } from "./schema-view.ts";

export interface AuthGuess {
  readonly auth: Json | undefined;
  readonly evidence: string;
  readonly warnings: readonly string[];
}

/** When a spec offers alternatives, the one needing the fewest secrets wins (then the one with fewer keys). */
const PREFERENCE = [...authKinds]
  .sort((a, b) => a.secrets.length - b.secrets.length || Object.keys(a.grammar).length - Object.keys(b.grammar).length)
  .map((kind): string => kind.type);

type Mapped = { auth: Json; note: string } | { unsupported: string };

/**
 * A config of kind `type` in the kind's key order: the `given` keys, and a secret reference for each
 * secret key; undefined when the kind's grammar refuses it.
 */
function authConfig(type: AuthType, given: Json, secret: (key: string) => Json): Json | undefined {
  const kind = authKind(type);
  if (kind === undefined) return undefined;
  const config: Record<string, unknown> = { type };
  for (const key of Object.keys(kind.grammar)) {
    if (given[key] !== undefined) config[key] = given[key];
    else if (kind.secrets.includes(key)) config[key] = secret(key);
  }
  return kindObject(kind).safeParse(config).success ? config : undefined;
}

function mapScheme(name: string, scheme: unknown, secret: (key: string) => Json): Mapped {
  if (!isObject(scheme)) return { unsupported: `scheme ${JSON.stringify(name)} is not declared in components.securitySchemes` };
  const type = scheme.type;
  const http = type === "http" && typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : undefined;
  const flows = isObject(scheme.flows) ? scheme.flows : {};
  const cc = type === "oauth2" && isObject(flows.clientCredentials) ? flows.clientCredentials : undefined;
  const apiKey = type === "apiKey" && typeof scheme.name === "string" && ["header", "query", "cookie"].includes(String(scheme.in));
  // The first config its kind accepts wins.
  const candidates: [Json | undefined, string][] = [
    [
      apiKey ? authConfig("api_key", { name: scheme.name, location: scheme.in }, secret) : undefined,
      `apiKey ${JSON.stringify(scheme.name)} in ${String(scheme.in)}`,
    ],
    [http === "bearer" ? authConfig("bearer", {}, secret) : undefined, "http bearer"],
    [http === "basic" ? authConfig("http_basic", {}, secret) : undefined, "http basic"],
    [cc === undefined ? undefined : authConfig("oauth2_client_credentials", { access_token_url: cc.tokenUrl }, secret), "oauth2 clientCredentials flow"],
    [
      type === "oauth2" || type === "openIdConnect" ? authConfig("bearer", {}, secret) : undefined,
      `${String(type)} without a usable client-credentials flow: a bearer token you obtain yourself`,
    ],
  ];
  for (const [auth, note] of candidates) if (auth !== undefined) return { auth, note };
  return { unsupported: `scheme ${JSON.stringify(name)} (type ${JSON.stringify(type)}) is not supported` };
}

function requirements(value: unknown): string[][] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isObject).map((req) => Object.keys(req));
}

/** The client auth the spec asks for, with the evidence and what could not be expressed. */
export function guessAuth(spec: LoadedSpec, ops: readonly Operation[], connector: string): AuthGuess {
  const components = isObject(spec.document.components) ? spec.document.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const secret = (key: string): Json => ({ $secret: `${connector}_${key}` });
  const global = requirements(spec.document.security);
  const fromOps = ops.map((op) => requirements(op.operation.security)).find((r) => r !== undefined && r.length > 0);
  const reqs = global ?? fromOps ?? [];
  const source = global !== undefined ? "the top-level security" : fromOps !== undefined ? "the operations' security" : "";
  const warnings: string[] = [];
  if (reqs.every((r) => r.length === 0)) {
    const declared = Object.keys(schemes);
    if (declared.length > 0)
      warnings.push(`no security requirement applies to the included operations, though securitySchemes declares ${declared.join(", ")}: client.auth left out`);
    return { auth: undefined, evidence: "no security requirement", warnings };
  }
  const mapped: { auth: Json; note: string; scheme: string }[] = [];
  for (const req of reqs) {
    if (req.length > 1) {
      warnings.push(`security requirement {${req.join(", ")}} needs ${req.length} schemes at once; only one auth per client can be generated`);
      continue;
    }
    const [name] = req;
    if (name === undefined) continue;
    const result = mapScheme(name, deref(spec, schemes[name]), secret);
    if ("unsupported" in result) warnings.push(`${result.unsupported}: write client.auth yourself (a custom $hook auth can do anything)`);
    else mapped.push({ ...result, scheme: name });
  }
  const best = [...mapped].sort((a, b) => PREFERENCE.indexOf(String(a.auth.type)) - PREFERENCE.indexOf(String(b.auth.type)))[0];
  if (best === undefined) return { auth: undefined, evidence: `${source} names no supported scheme`, warnings };
  const alternatives =
    mapped.length > 1
      ? `; alternatives ${mapped
          .filter((m) => m !== best)
          .map((m) => m.scheme)
          .join(", ")} need more secrets`
      : "";
  // Scopes aside, an operation accepting the chosen scheme on its own (or no auth at all) is fine.
  const accepts = (op: Operation) => {
    const own = requirements(op.operation.security);
    return own === undefined || own.length === 0 || own.some((r) => r.length === 0 || (r.length === 1 && r[0] === best.scheme));
  };
  const others = ops.filter((op) => !accepts(op)).map((op) => `${op.method.toUpperCase()} ${op.path}`);
  if (others.length > 0)
    warnings.push(
      `${others.length} operation(s) do not accept scheme ${JSON.stringify(best.scheme)} (${others.slice(0, 5).join(", ")}${others.length > 5 ? ", …" : ""}); the client-wide auth is used for all`,
    );
  return { auth: best.auth, evidence: `${source} uses scheme ${JSON.stringify(best.scheme)}: ${best.note}${alternatives}`, warnings };
}
