// Parsing and validating a config at the edge: text → unknown → ConnectorConfig, or a ConfigError
// listing every problem at once.
import { parse as parseYaml } from "yaml";
import { ConfigError } from "../../runtime/errors.ts";
import { configIssues } from "./issues.ts";
import { connectorConfig, type ConnectorConfig } from "./schema.ts";

/** Parses config text as JSON (or YAML for .yaml/.yml sources). */
export function parseConfigText(text: string, source: string): unknown {
  try {
    return /\.ya?ml$/i.test(source) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ConfigError(source, [{ path: "", message: `not valid ${/\.ya?ml$/i.test(source) ? "YAML" : "JSON"}: ${reason}` }]);
  }
}

/** Validates a parsed config against the grammar; all problems are reported together. */
export function validateConfig(raw: unknown, source: string): ConnectorConfig {
  const result = connectorConfig.safeParse(raw);
  if (!result.success) throw new ConfigError(source, configIssues(result.error, raw));
  return result.data;
}
