// Formats generated TypeScript in one place and proves it parses.
import { Project, ts } from "ts-morph";

const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });

export class GeneratedSyntaxError extends Error {}

/** Parses `source` (throwing on any syntax error) and returns it formatted, ending in one newline. */
export function formatTypeScript(fileName: string, source: string): string {
  const file = project.createSourceFile(`/${fileName}`, source, { overwrite: true });
  const diagnostics = project.getProgram().compilerObject.getSyntacticDiagnostics(file.compilerNode);
  if (diagnostics.length > 0) {
    const first = diagnostics[0]!;
    const message = ts.flattenDiagnosticMessageText(first.messageText, "\n");
    throw new GeneratedSyntaxError(`generated ${fileName} does not parse (a generator bug): ${message} at offset ${first.start ?? "?"}`);
  }
  file.formatText({ indentSize: 2, convertTabsToSpaces: true, semicolons: ts.SemicolonPreference.Insert });
  const text = file.getFullText().replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trimEnd();
  project.removeSourceFile(file);
  return `${text}\n`;
}
