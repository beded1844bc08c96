// Formats generated TypeScript in one place and proves it parses.
import { Project, ts } from "ts-morph";

const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });

export class GeneratedSyntaxError extends Error {}

export interface FormatOptions {
  /**
   * The source comes from the TypeScript printer (consistent layout, 4-space indents), as
   * openapi-typescript's output does: it is re-indented to 2 spaces instead of reformatted, which
   * gives the same text for a fraction of the time on big specs.
   */
  readonly printed?: boolean;
}

/** Parses `source` (throwing on any syntax error) and returns it formatted, ending in one newline. */
export function formatTypeScript(fileName: string, source: string, options: FormatOptions = {}): string {
  const file = project.createSourceFile(`/${fileName}`, source, { overwrite: true });
  try {
    const diagnostics = project.getProgram().compilerObject.getSyntacticDiagnostics(file.compilerNode);
    if (diagnostics.length > 0) {
      const first = diagnostics[0]!;
      const message = ts.flattenDiagnosticMessageText(first.messageText, "\n");
      throw new GeneratedSyntaxError(`generated ${fileName} does not parse (a generator bug): ${message} at offset ${first.start ?? "?"}`);
    }
    if (options.printed === true) return tidy(source.replace(/^(?: {4})+/gm, (indent) => " ".repeat(indent.length / 2)));
    file.formatText({ indentSize: 2, convertTabsToSpaces: true, semicolons: ts.SemicolonPreference.Insert });
    return tidy(file.getFullText());
  } finally {
    project.removeSourceFile(file);
  }
}

/** Past this width a named import or export list gets one name per line. */
const LIST_WIDTH = 100;

/** `import { a, b } from "m";`, `export type { … };` and the like, on one line. */
const NAMED_LIST = /^((?:import|export)(?: type)? )\{ ([^{}\n]*) \}((?: from "[^"\n]*")?;)$/gm;

/**
 * No trailing spaces, at most one blank line in a row, one final newline; long named import and
 * export lists one name per line, so adding a resource adds lines instead of rewriting one of
 * thousands of characters in every file.
 */
function tidy(text: string): string {
  const wrapped = text.replace(NAMED_LIST, (line, head: string, names: string, tail: string) =>
    line.length <= LIST_WIDTH
      ? line
      : `${head}{\n${names
          .split(", ")
          .map((name) => `  ${name},`)
          .join("\n")}\n}${tail}`,
  );
  return `${wrapped
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
