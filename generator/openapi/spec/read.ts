// Reading one spec file into parsed data: JSON or YAML (../../parse-text.ts), with syntax errors located
// (line, column).
import { checkDocumentLimits, DocumentLimitError } from "../../document-limits.ts";
import { jsonErrorMessage, parseYaml } from "../../parse-text.ts";
import { SpecError } from "./errors.ts";

/** Reads a file's text; throws a SpecError when it cannot be read. */
export type ReadText = (path: string) => string;

/**
 * Parses spec text: JSON when the file is .json or the text starts with `{`, YAML otherwise; refuses a
 * document nested too deeply or inflated by YAML aliases (document-limits.ts).
 */
export function parseSpecText(text: string, file: string): unknown {
  const document = parseEither(text, file);
  try {
    checkDocumentLimits(document);
  } catch (error) {
    if (error instanceof DocumentLimitError) throw new SpecError(file, error.pointer, error.reason);
    throw error;
  }
  return document;
}

function parseEither(text: string, file: string): unknown {
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
