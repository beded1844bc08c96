// Secret resolution: `{ "$secret": "api_key" }` → env var API_KEY, else `.env`, else MissingSecretError.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { MissingSecretError } from "../errors.ts";
import type { SecretOr, SecretRef } from "../connector.ts";

/** Where secrets come from: the process environment first, then the parsed `.env` file. */
export interface SecretSource {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dotenv: Readonly<Record<string, string>>;
}

/** The environment variable that holds secret `name`: upper-cased, non-alphanumerics → `_`. */
export function secretVariable(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/** True when `value` is a `{ $secret: name }` reference. */
export function isSecretRef(value: unknown): value is SecretRef {
  return typeof value === "object" && value !== null && typeof (value as { $secret?: unknown }).$secret === "string";
}

/** The secret's value (env wins over `.env`; empty counts as missing); throws MissingSecretError. */
export function resolveSecret(ref: SecretRef, source: SecretSource): string {
  const variable = secretVariable(ref.$secret);
  const fromEnv = source.env[variable];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const fromFile = source.dotenv[variable];
  if (fromFile !== undefined && fromFile !== "") return fromFile;
  throw new MissingSecretError(ref.$secret, variable);
}

/** A literal value as is, or a secret reference resolved through `source`. */
export function resolveSecretOr(value: SecretOr<string>, source: SecretSource): string {
  return isSecretRef(value) ? resolveSecret(value, source) : value;
}

/** Parses `<dir>/.env` with Node's built-in parser; `{}` when the file does not exist. */
export function loadDotenv(dir: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(join(dir, ".env"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  const parsed = parseEnv(text);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) if (value !== undefined) out[key] = value;
  return out;
}

/** The default source: `process.env` and `<dir>/.env` (dir defaults to the working directory). */
export function defaultSecretSource(dir: string = process.cwd()): SecretSource {
  return { env: process.env, dotenv: loadDotenv(dir) };
}
