// The text of a config file init writes: JSON with two-space indents, or YAML for .yaml/.yml files,
// whose `$schema` is a comment editors read (a YAML `#` comment is not data, so it is kept apart).
import { CORE_SCHEMA, dump } from "js-yaml";
import type { Json } from "./schema-view.ts";

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g;

/** Whether `path` names a YAML file. */
export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/**
 * The comment lines that point editors at `schema` in a YAML file: the yaml-language-server modeline
 * (VS Code's YAML extension and other LSP editors) and the `# $schema:` comment JetBrains IDEs read.
 */
export function yamlSchemaComments(schema: string): string[] {
  return [`# yaml-language-server: $schema=${schema}`, `# $schema: ${schema}`];
}

/** Whether YAML text already names its schema in a comment either kind of editor reads. */
export function hasYamlSchemaComment(text: string): boolean {
  return leadingComments(text).some((line) => /^#\s*(yaml-language-server:\s*)?\$schema[:=]/.test(line.trim()));
}

/** A YAML file's leading block: its comment and blank lines before the first line of content. */
export function leadingComments(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const end = lines.findIndex((line) => line.trim() !== "" && !line.trim().startsWith("#"));
  return lines.slice(0, end < 0 ? lines.length : end);
}

/**
 * The first line (1-based) after the leading block that holds a `#` comment, which rewriting the file
 * would drop; undefined when there is none. Quoted strings are skipped; a `#` inside a block scalar
 * counts (a false alarm that errs on the side of keeping the file).
 */
export function laterCommentLine(text: string): number | undefined {
  const lines = text.split(/\r?\n/);
  const start = leadingComments(text).length;
  for (let i = start; i < lines.length; i++) if (/(^|\s)#/.test(lines[i]!.replace(QUOTED, '""'))) return i + 1;
  return undefined;
}

/** The file text for `config`: YAML (after the `header` comment lines) for a .yaml/.yml `out`, else JSON. */
export function configText(config: Json, out: string, header: readonly string[] = []): string {
  if (!isYamlPath(out)) return `${JSON.stringify(config, null, 2)}\n`;
  const body = dump(config, { schema: CORE_SCHEMA, lineWidth: -1, noRefs: true, quotingType: '"' });
  const lines = [...header];
  while (lines.length > 0 && lines.at(-1)!.trim() === "") lines.pop();
  return `${lines.map((line) => `${line}\n`).join("")}${body}`;
}
