// A user's own TypeScript build in a throwaway project: the plain strict `nodenext` tsconfig a user
// writes (no extra flags), the repository's tsc run over it, and its errors grouped by file.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./cli.ts";

/** The compiler options of the user's tsconfig, exactly: nothing that would let `.ts` specifiers through. */
export const USER_COMPILER_OPTIONS = {
  strict: true,
  module: "nodenext",
  moduleResolution: "nodenext",
  target: "es2022",
  outDir: "dist",
  skipLibCheck: false,
} as const;

/** Writes `<project>/tsconfig.json`: the user's options and these `include` entries. */
export function writeUserTsconfig(project: string, include: readonly string[]): void {
  writeFileSync(join(project, "tsconfig.json"), `${JSON.stringify({ compilerOptions: USER_COMPILER_OPTIONS, include }, null, 2)}\n`);
}

export interface TscResult {
  readonly code: number;
  /** `file(line,col): error TSxxxx: message` lines, paths relative to the project. */
  readonly errors: readonly string[];
  readonly output: string;
}

/** Runs the repository's `tsc -p <project>` (emitting to the project's dist/) from inside the project. */
export async function runUserTsc(project: string): Promise<TscResult> {
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  const output = await promisify(execFile)(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], {
    cwd: project,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout }) => ({ code: 0, text: stdout }),
    (error: { code?: number; stdout?: string; message: string }) => ({
      code: typeof error.code === "number" ? error.code : 1,
      text: error.stdout || error.message,
    }),
  );
  const errors = output.text.split("\n").filter((line) => / error TS\d+:/.test(line));
  return { code: output.code, errors, output: output.text };
}

/** Error counts per connector folder (`generated/<name>`) or file elsewhere, e.g. `{ "generated/stripe": 3 }`. */
export function errorsByPlace(errors: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of errors) {
    const file = line.slice(0, line.indexOf("("));
    const place = /^generated\/[^/]+/.exec(file)?.[0] ?? file;
    counts[place] = (counts[place] ?? 0) + 1;
  }
  return counts;
}
