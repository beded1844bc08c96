// Paths as users type them: relative to the working directory, with `/` separators.
import { relative, resolve, sep } from "node:path";

/** A path as the user would type it from the working directory, with `/` separators. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, resolve(cwd, path));
  return (rel === "" ? "." : rel).split(sep).join("/");
}
