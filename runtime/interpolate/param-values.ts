// Run parameter values: supplied (the `params` option, `--param k=v`), else GC_PARAM_<NAME> from the
// environment, else from `.env`, else the declared default. Missing ones stop the run before any request.
import { MissingParamError, ParamValueError, UsageError } from "../errors.ts";
import type { ParamSpec, ParamValue } from "../connector.ts";
import { secretVariable, type SecretSource } from "../secrets/resolve.ts";

export type ParamValues = Readonly<Record<string, ParamValue>>;

/**
 * The environment variable that holds parameter `name`: `GC_PARAM_` and the secrets' mapping
 * (upper-cased, non-alphanumerics → `_`). The prefix keeps generic names (`user`, `path`) from
 * picking up unrelated shell variables.
 */
export function paramVariable(name: string): string {
  return `GC_PARAM_${secretVariable(name)}`;
}

/** `value` as the parameter's declared type; text (from argv, env, .env) is parsed. */
function typed(spec: ParamSpec, value: ParamValue, from: string): ParamValue {
  const bad = () => new ParamValueError(`parameter "${spec.name}" expects a ${spec.type}, got ${JSON.stringify(value)} (${from})`);
  if (typeof value !== "string") {
    if (typeof value !== spec.type || (typeof value === "number" && !Number.isFinite(value))) throw bad();
    return value;
  }
  if (spec.type === "string") return value;
  if (spec.type === "boolean") {
    if (value === "true" || value === "false") return value === "true";
    throw bad();
  }
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number)) throw bad();
  return number;
}

/** Every declared parameter's value; throws UsageError for an undeclared one, MissingParamError naming every missing one. */
export function resolveParams(declared: readonly ParamSpec[], supplied: ParamValues, source: SecretSource): ParamValues {
  const known = new Set(declared.map((d) => d.name));
  const unknown = Object.keys(supplied).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const takes = declared.length === 0 ? "no parameters" : declared.map((d) => JSON.stringify(d.name)).join(", ");
    throw new UsageError(`unknown parameter ${unknown.map((n) => JSON.stringify(n)).join(", ")}: this connector takes ${takes}`);
  }
  const values: Record<string, ParamValue> = {};
  const missing: { name: string; variable: string }[] = [];
  for (const spec of declared) {
    const variable = paramVariable(spec.name);
    const given = supplied[spec.name];
    const fromEnv = source.env[variable];
    const fromFile = source.dotenv[variable];
    if (given !== undefined) values[spec.name] = typed(spec, given, "supplied");
    else if (fromEnv !== undefined && fromEnv !== "") values[spec.name] = typed(spec, fromEnv, `environment variable ${variable}`);
    else if (fromFile !== undefined && fromFile !== "") values[spec.name] = typed(spec, fromFile, `${variable} in .env`);
    else if (spec.default !== undefined) values[spec.name] = spec.default;
    else missing.push({ name: spec.name, variable });
  }
  if (missing.length > 0) throw new MissingParamError(missing);
  return values;
}
