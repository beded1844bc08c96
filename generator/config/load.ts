// Parsing and validating a config at the edge: text → unknown → ConnectorConfig, or a ConfigError
// listing every problem at once.
import { ConfigError, type ConfigIssue } from "../../runtime/errors.ts";
import { checkDocumentLimits, DocumentLimitError } from "../document-limits.ts";
import { jsonErrorMessage, parseYaml } from "../parse-text.ts";
import { configIssues, formatPath } from "./issues.ts";
import { expandShorthands } from "./shorthands.ts";
import { collectParams } from "./params.ts";
import { connectorConfig, type ConnectorConfig } from "./schema.ts";

/** Parses config text as JSON (or YAML for .yaml/.yml sources); refuses a document too deep or alias-inflated. */
export function parseConfigText(text: string, source: string): unknown {
  const yaml = /\.ya?ml$/i.test(source);
  let document: unknown;
  try {
    document = yaml ? parseYaml(text, source) : JSON.parse(text);
  } catch (error) {
    const reason = yaml ? (error instanceof Error ? error.message : String(error)) : jsonErrorMessage(text, error);
    throw new ConfigError(source, [{ path: "", message: `not valid ${yaml ? "YAML" : "JSON"}: ${reason}` }]);
  }
  try {
    checkDocumentLimits(document);
  } catch (error) {
    if (error instanceof DocumentLimitError) throw new ConfigError(source, [{ path: formatPath(error.path), message: error.reason }]);
    throw error;
  }
  return document;
}

/** `__proto__` keys would be dropped or set a prototype: report them instead of losing them. */
function protoKeys(value: unknown, path: readonly PropertyKey[], out: ConfigIssue[]): void {
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    if (key === "__proto__") out.push({ path: formatPath(at), message: "the key __proto__ is not allowed" });
    protoKeys(child, at, out);
  }
}

/**
 * Keys whose values are data sent to the API (request bodies, params, headers, values a map step
 * sets): kept verbatim, since a `$comment` there is the API's business, not a note.
 */
const PAYLOAD_KEYS: ReadonlySet<string> = new Set(["json", "data", "params", "headers", "set", "value", "access_token_request_data"]);

/** The value without `"$comment": "<text>"` entries (any depth but payloads): notes for readers, never config. */
export function stripComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripComments);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "$comment" && typeof child === "string") continue;
    // defineProperty: a `__proto__` key stays an own key, so protoKeys still reports it.
    const kept = PAYLOAD_KEYS.has(key) ? child : stripComments(child);
    Object.defineProperty(out, key, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Validates a parsed config against the grammar; all problems are reported together. */
export function validateConfig(input: unknown, source: string): ConnectorConfig {
  const issues: ConfigIssue[] = [];
  const uncommented = stripComments(input);
  protoKeys(uncommented, [], issues);
  const raw = expandShorthands(uncommented);
  const result = connectorConfig.safeParse(raw);
  if (!result.success) issues.push(...configIssues(result.error, raw));
  if (issues.length > 0 || !result.success) throw new ConfigError(source, issues);
  const params = collectParams(raw, result.data.params, issues);
  if (issues.length > 0) throw new ConfigError(source, issues);
  if (params.length === 0) return result.data;
  return { ...result.data, params: Object.fromEntries(params.map(({ name, ...decl }) => [name, decl])) };
}
