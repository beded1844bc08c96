// Run parameters in the config grammar: `{"$param": name, "default"?, "type"?}` where a value is
// expected, `{params.<name>}` inside template strings, and the optional top-level `params`
// declarations. All three feed one table of declarations, collected after validation.
import { z } from "zod";
import type { ConfigIssue } from "../../runtime/errors.ts";
import type { ParamSpec, ParamValue } from "../../runtime/connector.ts";
import { formatPath } from "./issues.ts";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAME_MESSAGE = "expected a parameter name: a letter or _, then letters, digits or _";
const paramType = z.enum(["string", "number", "boolean"]);
const paramDefault = z.union([z.string(), z.number(), z.boolean()]);

/** One declaration: its type (default: the default's type, else string), default and note. */
const declaration = {
  type: paramType.optional(),
  default: paramDefault.optional(),
};

/** `{"$param": "subdomain", "default": "acme"}`: a run parameter as a whole value. */
export const paramRef = z.strictObject({ $param: z.string().regex(NAME, NAME_MESSAGE), ...declaration }).meta({
  description:
    "A run parameter, supplied per run by --param NAME=VALUE, the environment variable GC_PARAM_<NAME> (upper-cased, non-alphanumerics as _) or .env, else its default; a missing one stops the run before any request. Not a secret. Inside strings write {params.<name>}.",
});

export type ParamRefConfig = z.infer<typeof paramRef>;

/** A `$param` where text is expected becomes the `{params.<name>}` placeholder (its declaration is collected separately). */
export const paramText = paramRef.transform((ref) => `{params.${ref.$param}}`);

/** The top-level declarations (our addition): type, default and description per parameter name. */
export const paramsConfig = z.record(z.string().regex(NAME, NAME_MESSAGE), z.strictObject({ ...declaration, description: z.string().optional() })).meta({
  description:
    "Our addition: run parameters declared with their type and default, for {params.<name>} placeholders (a $param object can carry its own default). Each becomes an option of the generated client.",
});

const PLACEHOLDER = /\{\s*params\.([^{}]*?)\s*\}/g;
/** Strings whose braces are prose, not templates. */
const PROSE_KEYS: ReadonlySet<string> = new Set(["description", "$comment", "$schema"]);

interface Found {
  readonly name: string;
  readonly at: string;
  readonly description?: string;
  readonly type?: ParamSpec["type"];
  readonly default?: ParamValue;
}

/** Every `$param` object (validated: in a JSON body zod sees none) and `{params.x}` placeholder in `raw`. */
function find(value: unknown, path: readonly (string | number)[], out: Found[], issues: ConfigIssue[]): void {
  const at = formatPath(path);
  if (typeof value === "string") {
    if (PROSE_KEYS.has(String(path[path.length - 1]))) return;
    for (const match of value.matchAll(PLACEHOLDER)) {
      const name = match[1] ?? "";
      if (NAME.test(name)) out.push({ name, at });
      else issues.push({ path: at, message: `invalid placeholder {params.${name}}: ${NAME_MESSAGE}` });
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      find(v, [...path, i], out, issues);
    });
    return;
  }
  if (value === null || typeof value !== "object") return;
  if ("$param" in value) {
    const ref = paramRef.safeParse(value);
    if (!ref.success) {
      const problems = ref.error.issues.map((i) => `${i.path.length === 0 ? "" : `${i.path.join(".")}: `}${i.message}`).join("; ");
      issues.push({
        path: at,
        message: `malformed parameter reference ${JSON.stringify(value)}: ${problems} (expected {"$param": "<name>", "default"?: value})`,
      });
    } else out.push({ name: ref.data.$param, at, ...pick(ref.data) });
    return;
  }
  for (const [key, child] of Object.entries(value)) if (!(path.length === 0 && key === "params")) find(child, [...path, key], out, issues);
}

function pick(decl: { type?: ParamSpec["type"] | undefined; default?: ParamValue | undefined }): { type?: ParamSpec["type"]; default?: ParamValue } {
  return { ...(decl.type === undefined ? {} : { type: decl.type }), ...(decl.default === undefined ? {} : { default: decl.default }) };
}

/**
 * The connector's parameters, by name: from `params` declarations, `$param` objects and placeholders
 * in the raw (validated) config. Declarations that disagree on type or default, and defaults of
 * another type, are issues.
 */
export function collectParams(raw: unknown, declared: z.infer<typeof paramsConfig> | undefined, issues: ConfigIssue[]): ParamSpec[] {
  const found: Found[] = Object.entries(declared ?? {}).map(([name, d]) => ({
    name,
    at: formatPath(["params", name]),
    ...pick(d),
    ...(d.description === undefined ? {} : { description: d.description }),
  }));
  find(raw, [], found, issues);
  const byName = new Map<string, Found>();
  for (const f of found) {
    const first = byName.get(f.name);
    if (first === undefined) {
      byName.set(f.name, f);
      continue;
    }
    const clash = (key: "type" | "default") => f[key] !== undefined && first[key] !== undefined && f[key] !== first[key];
    if (clash("type") || clash("default"))
      issues.push({ path: f.at, message: `parameter "${f.name}" is declared differently at ${first.at}: give its type and default once (in params)` });
    else byName.set(f.name, { ...first, ...pick({ type: first.type ?? f.type, default: first.default ?? f.default }) });
  }
  return [...byName.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => {
      const type = f.type ?? (f.default === undefined ? "string" : (typeof f.default as ParamSpec["type"]));
      if (f.default !== undefined && typeof f.default !== type)
        issues.push({ path: f.at, message: `parameter "${f.name}" is a ${type} but its default ${JSON.stringify(f.default)} is not` });
      return {
        name: f.name,
        type,
        ...(f.default === undefined ? {} : { default: f.default }),
        ...(f.description === undefined ? {} : { description: f.description }),
      };
    });
}
