// Loads a user's TypeScript module (a generated connector and the hooks it imports) at `sync` time.
// First through Node's own type stripping, in-thread and as ES modules whatever the project's
// package.json "type" says, so `gen-connector/runtime` and zod resolve to the instances the CLI already
// loaded (tsx loads a commonjs project's connector as CommonJS: a second copy of the whole runtime and
// zod, each file transformed by esbuild: 3.0–3.3 CPU s for a one-page sync against 1.3–1.5). A module Node cannot strip
// (enums, parameter properties, extensionless imports, a Node without type stripping) falls back to
// tsx's scoped import, which leaves the process's own module loading alone.
import { existsSync, readFileSync } from "node:fs";
import * as nodeModule from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { canStrip, StrippedCache } from "./stripped-cache.ts";

/** Errors raised while linking (before any module ran) that tsx may get past. */
const FALLBACK_CODES = new Set([
  "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX",
  "ERR_INVALID_TYPESCRIPT_SYNTAX",
  "ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING",
  "ERR_MODULE_NOT_FOUND",
  "ERR_UNSUPPORTED_DIR_IMPORT",
  "ERR_UNKNOWN_FILE_EXTENSION",
]);

/** Imports the module at `file` (an absolute path) and returns its namespace. */
export async function importTypeScript(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  const native = strippingImport(url);
  if (native !== null) {
    try {
      return await native;
    } catch (error) {
      if (!linkFailure(error)) throw error;
    }
  }
  const { tsImport } = await import("tsx/esm/api");
  return tsImport(url, import.meta.url);
}

type RegisterHooks = (hooks: {
  resolve: (specifier: string, context: { parentURL?: string | undefined }, next: (specifier: string, context: object) => { url: string }) => object;
  load: (
    url: string,
    context: { format?: string | null | undefined },
    next: (url: string, context: object) => object,
  ) => object | { format: string; source: string; shortCircuit: true };
}) => { deregister(): void };

/**
 * Imports `entry` with Node's type stripping: relative `.js` specifiers of the modules it reaches name
 * their `.ts` files (as tsc and tsx read them), and those `.ts` files load as ES modules. Null when
 * this Node cannot (no type stripping, or no `module.registerHooks`).
 */
function strippingImport(entry: string): Promise<unknown> | null {
  const features = process.features as { typescript?: string | false };
  const register = (nodeModule as { registerHooks?: RegisterHooks }).registerHooks;
  if (register === undefined || features.typescript === undefined || features.typescript === false) return null;
  /** The user's modules reached from `entry` (not packages): only their imports are rewritten. */
  const own = new Set([entry]);
  const cache = canStrip ? StrippedCache.near(fileURLToPath(entry)) : null;
  const hooks = register({
    resolve(specifier, context, next) {
      const parent = context.parentURL;
      if (parent !== undefined && own.has(parent) && (specifier.startsWith("./") || specifier.startsWith("../"))) {
        const target = new URL(specifier, parent);
        if (target.pathname.endsWith(".js") && !existsSync(fileURLToPath(target))) {
          const ts = new URL(`${target.pathname.slice(0, -3)}.ts`, target);
          if (existsSync(fileURLToPath(ts))) {
            own.add(ts.href);
            return { url: ts.href, format: "module-typescript", shortCircuit: true };
          }
        }
        if (target.pathname.endsWith(".ts")) own.add(target.href);
      }
      return next(specifier, context);
    },
    load(url, context, next) {
      if (!(own.has(url) && url.endsWith(".ts"))) return next(url, context);
      // Stripped once and cached (stripped-cache.ts); a Node without the API strips in its loader.
      if (cache === null) return next(url, { ...context, format: "module-typescript" });
      return { format: "module", source: cache.javascript(readFileSync(fileURLToPath(url), "utf8")), shortCircuit: true };
    },
  });
  return import(entry).finally(() => hooks.deregister());
}

/** Whether `error` stopped the import before any module ran, in a way tsx may not. */
function linkFailure(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && FALLBACK_CODES.has(code);
}
