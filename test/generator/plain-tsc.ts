// A user's plain compiler run over generated files: `tsc --strict --module nodenext
// --moduleResolution nodenext --noEmit` and no other option, in a fresh directory outside the
// package (no tsconfig, no @types in reach), so what compiles here compiles in any strict project.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ts from "typescript";

/** The options of `tsc --strict --module nodenext --moduleResolution nodenext --noEmit`. */
const PLAIN: ts.CompilerOptions = {
  strict: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noEmit: true,
};

/**
 * Writes each of `sets` (file name → text) into a fresh directory of its own and compiles them all in
 * one program; returns the diagnostics as `set<i>/<file>(<line>): <message>`.
 */
export function plainTscErrors(sets: readonly Readonly<Record<string, string>>[]): string[] {
  const dirs = sets.map((files) => {
    const dir = mkdtempSync(join(tmpdir(), "gc-plain-tsc-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return { dir, roots: Object.keys(files).map((name) => join(dir, name)) };
  });
  try {
    const program = ts.createProgram(
      dirs.flatMap((d) => d.roots),
      PLAIN,
    );
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n").slice(0, 400);
      if (d.file === undefined) return message;
      const set = dirs.findIndex((x) => d.file!.fileName.startsWith(`${x.dir}/`));
      const line = d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
      return `set${set}/${basename(d.file.fileName)}(${line}): ${message}`;
    });
  } finally {
    for (const { dir } of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
