// Reads which package a "module not found" error is about, so the CLI can say what to install. ES
// module loading says "Cannot find package 'x' imported from …" (ERR_MODULE_NOT_FOUND); CommonJS (a
// connector in a commonjs project) says "Cannot find module 'x'" (MODULE_NOT_FOUND), also for missing
// relative files, which are not packages.

const PATTERNS: Readonly<Record<string, RegExp>> = {
  ERR_MODULE_NOT_FOUND: /Cannot find package '([^']+)'/,
  MODULE_NOT_FOUND: /Cannot find module '([^']+)'/,
};

/** The package name of a bare specifier (`@scope/name/sub` → `@scope/name`), or undefined for a path. */
function packageName(specifier: string): string | undefined {
  if (/^(\.|\/|[a-zA-Z]:|file:|node:)/.test(specifier)) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The package a failed import names, or undefined when the error is not about a missing package. */
export function missingPackage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const pattern = typeof code === "string" ? PATTERNS[code] : undefined;
  const specifier = pattern?.exec(error.message)?.[1];
  return specifier === undefined ? undefined : packageName(specifier);
}
