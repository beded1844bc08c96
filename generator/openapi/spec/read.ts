// Reading one spec file into parsed data: JSON or YAML, with syntax errors located (line, column).
import { parse as parseYaml, YAMLParseError } from "yaml";
import { SpecError } from "./errors.ts";

/** Reads a file's text; throws a SpecError when it cannot be read. */
export type ReadText = (path: string) => string;

function jsonPosition(text: string, message: string): string {
  const at = /position (\d+)/.exec(message);
  if (at === null) return "";
  const offset = Number(at[1]);
  const before = text.slice(0, offset).split("\n");
  return ` (line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
}

/** Parses spec text: JSON when the file is .json or the text starts with `{`, YAML otherwise. */
export function parseSpecText(text: string, file: string): unknown {
  const json = /\.json$/i.test(file) || /^\s*\{/.test(text);
  if (json) {
    try {
      return JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new SpecError(file, "", `not valid JSON: ${message.split("\n")[0]}${jsonPosition(text, message)}`);
    }
  }
  try {
    // Object keys are strings in JS, so YAML's unquoted status codes (`200:`) arrive as "200".
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const where = pos === undefined ? "" : ` (line ${pos.line}, column ${pos.col})`;
      const what = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
      throw new SpecError(file, "", `not valid YAML: ${what}${where}`);
    }
    throw new SpecError(file, "", `not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
}
