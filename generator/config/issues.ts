// Turns zod issues into ConfigIssues: JSON path, what was expected, what was found (secrets masked).
import type { z } from "zod";
import type { ConfigIssue } from "../../runtime/errors.ts";
import { SECRET_NAMES } from "../../runtime/vocabulary/secrets.ts";

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Formats a path as `resources[0].endpoint["odd key"]`. */
export function formatPath(path: readonly PathKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && IDENT.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function isSecretPath(path: readonly PathKey[]): boolean {
  return path.some((key) => typeof key === "string" && SECRET_NAMES.has(key));
}

/** A short, safe description of a found value; masked when it sits under a secret-bearing key. */
export function describeValue(value: unknown, path: readonly PathKey[]): string {
  if (value === undefined) return "nothing";
  if (isSecretPath(path) && (typeof value === "string" || typeof value === "number")) return '"***" (masked)';
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length === 0
      ? "an empty object"
      : `an object with keys ${keys
          .slice(0, 6)
          .map((k) => JSON.stringify(k))
          .join(", ")}`;
  }
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function expectation(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      if (!issue.message.startsWith("Invalid input")) return issue.message;
      return issue.expected === "int" ? "expected an integer" : `expected ${article(issue.expected)}`;
    case "too_small": {
      if (!issue.message.startsWith("Too small")) return issue.message;
      const min = Number(issue.minimum);
      if (issue.origin === "string") return "expected a non-empty string";
      if (issue.origin === "array") return `expected at least ${min} item${min === 1 ? "" : "s"}`;
      return `expected a number ${issue.inclusive ? ">=" : ">"} ${min}`;
    }
    case "too_big":
      return `expected ${issue.origin === "array" ? "at most" : "a value <="} ${Number(issue.maximum)}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_format":
      return issue.format === "regex" ? issue.message : `expected a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Picks the union branch that best explains an input (the one that got past the type check). */
function explainUnion(issue: Extract<Issue, { code: "invalid_union" }>, base: readonly PathKey[], root: unknown): ConfigIssue[] {
  const input = valueAt(root, base);
  const isObject = input !== null && typeof input === "object";
  const mismatch = (i: Issue) => i.path.length === 0 && (i.code === "invalid_type" || (i.code === "invalid_value" && isObject));
  const informative = issue.errors.filter((branch) => !branch.every(mismatch));
  if (informative.length === 1 && informative[0]) return informative[0].flatMap((i) => toConfigIssues(i, base, root));
  // An object marked by a `$` key (`$param`, `$secret`, `$hook`): the branch that knows that key explains it.
  const marker = isObject ? Object.keys(input).find((key) => key.startsWith("$") && key !== "$comment") : undefined;
  const knowing =
    marker === undefined
      ? []
      : informative.filter((branch) => branch.some((i) => i.path.length > 0) && !branch.some((i) => i.code === "unrecognized_keys" && i.keys.includes(marker)));
  if (knowing.length === 1 && knowing[0]) return knowing[0].flatMap((i) => toConfigIssues(i, base, root));
  if (issue.errors.length === 0 && "options" in issue && Array.isArray(issue.options)) {
    const options = issue.options.map((o) => JSON.stringify(o)).join(", ");
    return [{ path: formatPath(base), message: `expected one of ${options}, got ${describeValue(input, base)}` }];
  }
  const expected = issue.errors.flatMap((branch) => branch.filter((i) => i.code === "invalid_type").map((i) => (i as { expected: string }).expected));
  const list = [...new Set(expected)].map(article).join(" or ");
  return [{ path: formatPath(base), message: `expected ${list || "a valid value"}, got ${describeValue(input, base)}` }];
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Converts one zod issue (relative to `base` within `root`) into config issues. */
function toConfigIssues(issue: Issue, base: readonly PathKey[], root: unknown): ConfigIssue[] {
  const path = [...base, ...issue.path];
  const found = valueAt(root, path);
  if (issue.code === "invalid_union") return explainUnion(issue, path, root);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: "unknown key" }));
  }
  if (issue.code === "custom")
    return [
      {
        path: formatPath(path),
        message: found === undefined || issue.message.startsWith("not supported yet") ? issue.message : `${issue.message}, got ${describeValue(found, path)}`,
      },
    ];
  if (found === undefined && issue.code === "invalid_type") return [{ path: formatPath(path), message: `required: ${expectation(issue)}, got nothing` }];
  return [{ path: formatPath(path), message: `${expectation(issue)}, got ${describeValue(found, path)}` }];
}

/** All problems of a failed parse, as config issues with paths relative to the config root. */
export function configIssues(error: z.ZodError, root: unknown, base: readonly PathKey[] = []): ConfigIssue[] {
  return error.issues.flatMap((issue) => toConfigIssues(issue, base, root));
}
