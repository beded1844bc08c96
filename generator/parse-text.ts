// Config and spec text → data, with syntax errors located. YAML: js-yaml with YAML 1.2's core schema
// (no timestamp coercion, so `2024-01-01` stays a string; object keys are strings, so a status code
// `200:` arrives as "200"; a duplicate key throws); 4–6× faster than the `yaml` package on
// multi-megabyte specs. Errors carry the reason and a 1-based line and column.
import { CORE_SCHEMA, load, YAMLException, type LoadOptions } from "js-yaml";
import { MAX_DOCUMENT_DEPTH } from "./document-limits.ts";

/** A YAML syntax error: what is wrong and where. */
export class YamlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(line === null ? reason : `${reason} (line ${line}, column ${column})`);
  }
}

/** Parses YAML text (`file` names it in js-yaml's own messages); throws a YamlSyntaxError. */
export function parseYaml(text: string, file: string): unknown {
  try {
    // maxDepth: js-yaml's parser recurses per level; past it, its error names the line (its default is 100).
    // (js-yaml 4.3 has maxDepth; @types/js-yaml 4.0.9 does not declare it yet.)
    const options: LoadOptions & { readonly maxDepth: number } = { schema: CORE_SCHEMA, filename: file, maxDepth: MAX_DOCUMENT_DEPTH };
    return load(text, options);
  } catch (error) {
    if (error instanceof YAMLException) {
      const mark = error.mark;
      throw new YamlSyntaxError(error.reason, mark === undefined ? null : mark.line + 1, mark === undefined ? null : mark.column + 1);
    }
    throw new YamlSyntaxError(error instanceof Error ? error.message : String(error), null, null);
  }
}

/**
 * JSON.parse's error message on one line, with the line and column when it gives a `position N`. V8 on
 * Node 22 appends its own `(line 3 column 1)`; it is dropped so the message reads the same on every Node.
 */
export function jsonErrorMessage(text: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replaceAll("\n", "\\n").replace(/ \(line \d+ column \d+\)$/, "");
  const at = /position (\d+)/.exec(message);
  if (at === null) return message;
  const before = text.slice(0, Number(at[1])).split("\n");
  return `${message} (line ${before.length}, column ${(before.at(-1) ?? "").length + 1})`;
}
