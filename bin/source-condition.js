// A module-resolution hook for a repository checkout: adds the `gen-connector-source` export condition,
// so `gen-connector/runtime` resolves to runtime/index.ts instead of the compiled dist/ (see package.json
// "exports"). Registered by bin/gen-connector.js only when the TypeScript source is present; never shipped.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "gen-connector-source"] });
}
