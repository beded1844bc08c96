// Reading one spec file into parsed data: JSON or YAML (../../parse-text.ts), with syntax errors located
// (line, column).
import { jsonErrorMessage, parseYaml } from "../../parse-text.ts";
import { SpecError } from "./errors.ts";

/** Reads a file's text; throws a SpecError when it cannot be read. */
export type ReadText = (path: string) => string;

/** Parses spec text: JSON when the file is .json or the text starts with `{`, YAML otherwise. */
export function parseSpecText(text: string, file: string): unknown {
  const json = /\.json$/i.test(file) || /^\s*\{/.test(text);
  if (json) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SpecError(file, "", `not valid JSON: ${jsonErrorMessage(text, error)}`);
    }
  }
  try {
    return parseYaml(text, file);
  } catch (error) {
    throw new SpecError(file, "", `not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
}
