// Import specifiers in generated code. Convention: a relative import names the file the compiled
// JavaScript will have (`./schema.js` for schema.ts, `../hooks/x.js` for a hook written as x.ts), as
// `tsc` requires under `module`/`moduleResolution` `nodenext` (it rejects `.ts` specifiers without
// `allowImportingTsExtensions`, TS5097, and never rewrites specifiers on emit by default). tsc, tsx
// (sync's loader), bundlers and editors all map `.js` back to the `.ts` source, so one convention
// works whether the user compiles the connector or runs it as TypeScript.
import { posix } from "node:path";

/** TypeScript source extensions and the JavaScript extension each compiles to. */
const EMITTED: Readonly<Record<string, string>> = { ".ts": ".js", ".tsx": ".js", ".mts": ".mjs", ".cts": ".cjs" };

/** The specifier of a relative module path once compiled: `.ts`/`.tsx` → `.js`, `.mts` → `.mjs`, `.cts` → `.cjs`; JavaScript unchanged. */
export function emittedSpecifier(path: string): string {
  const ext = posix.extname(path);
  const js = EMITTED[ext];
  return js === undefined ? path : path.slice(0, -ext.length) + js;
}

/** The specifier of a module relative to another: `./` prefixed when in the same folder or below, compiled extension. */
export function relativeSpecifier(fromDir: string, target: string): string {
  const relative = posix.relative(fromDir, target);
  return emittedSpecifier(relative.startsWith("../") ? relative : `./${relative}`);
}

/** The specifier of a sibling file of the generated connector (`schema.ts` → `./schema.js`). */
export function siblingSpecifier(file: string): string {
  return emittedSpecifier(`./${file}`);
}
