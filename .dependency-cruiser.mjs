// The import rules, checked by dependency-cruiser (`npm run lint`; test/guards/imports.test.ts in `npm test`), and
// the one place that documents them: which folder may import which (every import points down the tables below),
// which cycles exist, which packages the runtime may use.

/**
 * runtime/ and generator/, rows from the bottom up. A room imports itself and any room on a lower row, never a
 * sibling on its own row; generator/ may import all of runtime/, runtime/ nothing of generator/. A folder missing
 * here fails the check until it is given its row.
 */
export const LAYERS = {
  runtime: [
    ["errors.ts", "grammar.ts", "kind.ts", "available-memory.ts"], // the typed errors; the zod atoms of dlt's config grammar; what every paginator and auth kind shares; the memory a process may use
    ["json/", "select/", "vocabulary/", "schema-contract/"], // exact-number JSON and the nesting gate; the JSONPath subset; heuristic names; dlt's schema contracts
    ["hooks.ts"], // the interfaces a $hook implements (Auth, Paginator) and the request/response values they see
    ["connector.ts"], // the connector contract that generated code fills
    ["secrets/"], // resolution and redaction
    ["http/"], // requests, retries, timeouts, bounded bodies
    ["schedule/"], // the run's request scheduler: requests in flight, rate budgets, rate-limit headers
    ["auth/", "fixtures/"], // auth kinds; HTTP exchanges as preview lists them and a recording stores them (tap, record, replay)
    ["paginators/", "incremental/", "steps/"],
    ["detect/", "interpolate/"], // detection (over paginators), placeholders (over incremental cursors)
    ["stream/"], // the page stream, auto-detection wiring, typed client, record validation
    ["normalize/"], // rows, nested tables, identifiers, typing
    ["destinations/"], // DuckDB and Postgres
    ["sync/", "preview/"], // the runner; requests without a destination (gen-connector preview)
    ["distributed/"], // partitions of a run committed from many processes into Postgres (the protocol; queue/ the engine)
    ["index.ts"], // the public API
  ],
  generator: [
    ["document-limits.ts", "package-root.ts"], // limits on parsed documents; where the package's own files are
    ["parse-text.ts"], // YAML or JSON text → a value, within those limits
    ["config/", "openapi/"], // the config grammar; reading a spec (load, bundle, the queries init and the model share)
    ["model/"], // the readonly model: built from a config, every default applied once, bound to the spec
    ["emit/", "init/"], // model → files (zod under emit/zod/, types.ts under emit/types/); spec → editable config
    ["generate.ts", "input/"], // model → the connector's files; text → model (a config, or a spec through init)
    ["cli/"], // the commands: arguments, help, reading and writing files, init, sync
    ["cli.ts"], // the only code touching argv, disk, console and exit codes
  ],
};

/**
 * Imports that point up today, each with the change that removes it (issue 15 item 4). The check fails when
 * one is no longer needed, so this list only shrinks.
 */
export const KNOWN_UPWARD = [
  [
    "runtime/connector.ts",
    "runtime/paginators/index.ts",
    "item 2 against item 4: PaginatorSpec derives from the paginator registry, which sits above the contract (paginators import no contract type, so no cycle)",
  ],
];

/**
 * Cycles allowed: a cycle fails the check when one of its files is outside these. The first is by design; the rest
 * are known knots, each with the change that removes it (type-only imports count: a cycle through types is a knot).
 */
export const CYCLES = [
  ["generator/emit/zod/[a-z-]+.ts", "by design: the Schema Object compiler's own recursion"],
  ["runtime/normalize/(record-context|table-rows).ts", "types: a record's context names the tables it fills, the tables take the context"],
];

/** What the runtime may import from node_modules (README, Dependencies): zod, cross-fetch, the destination drivers and pg-boss (the distributed engine). */
export const RUNTIME_PACKAGES = ["zod", "cross-fetch", "lossless-json", "@duckdb/node-api", "pg", "pg-copy-streams", "pg-boss"];

export const exact = (pattern) => `^${pattern.replaceAll(".ts", "\\.ts")}$`;
const room = (root, name) => (name.endsWith("/") ? `^${root}/${name}` : exact(`${root}/${name}`));

/** One allowed rule per room: itself and every room on a lower row (and for generator/, all of runtime/). */
function layerRules(root, rows, below) {
  return rows.flatMap((row, i) => {
    const lower = rows
      .slice(0, i)
      .flat()
      .map((name) => room(root, name));
    return row.map((name) => ({
      comment: `${root}/${name} imports itself and the rows below it`,
      from: { path: room(root, name) },
      to: { path: [room(root, name), ...lower, ...below] },
    }));
  });
}

export default {
  forbidden: [
    {
      name: "runtime-imports-generator",
      comment: "The runtime ships alone (sync-only installs); it never imports build-time code.",
      severity: "error",
      from: { path: "^runtime/" },
      to: { path: "^generator/" },
    },
    {
      name: "no-circular",
      comment: "A cycle outside CYCLES.",
      severity: "error",
      from: {},
      // One string: dependency-cruiser 17 joins arrays for via.path but not for via.pathNot.
      to: { circular: true, via: { pathNot: CYCLES.map(([files]) => exact(files)).join("|") } },
    },
    {
      name: "runtime-packages",
      comment: "The runtime depends on RUNTIME_PACKAGES and node: built-ins only.",
      severity: "error",
      from: { path: "^runtime/" },
      to: { dependencyTypesNot: ["core", "local"], pathNot: RUNTIME_PACKAGES.map((name) => `(^|/)node_modules/${name}/`) },
    },
    {
      name: "shipped-imports-dev-dependency",
      comment: "generator/, runtime/ and bin/gen-connector.js import dependencies and peer dependencies, never a dev-only one.",
      severity: "error",
      from: { path: ["^generator/", "^runtime/", "^bin/gen-connector\\.js$"] },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["npm-peer"] },
    },
    {
      name: "unresolvable",
      comment: "Every import resolves (an unresolved one would hide its edge from the rules above).",
      severity: "error",
      // bin/gen-connector.js falls back to the build output dist/, absent before `npm run build`.
      from: { pathNot: "^bin/gen-connector\\.js$" },
      to: { couldNotResolve: true },
    },
  ],
  allowed: [
    ...layerRules("runtime", LAYERS.runtime, []),
    ...layerRules("generator", LAYERS.generator, ["^runtime/"]),
    ...KNOWN_UPWARD.map(([from, to, why]) => ({ comment: `known: ${why}`, from: { path: exact(from) }, to: { path: exact(to) } })),
    { comment: "node: built-ins", from: {}, to: { dependencyTypes: ["core"] } },
    { comment: "packages", from: {}, to: { path: "(^|/)node_modules/" } },
    { comment: "tests, benchmarks and scripts may import anything", from: { path: ["^test/", "^bench/", "^bin/"] }, to: {} },
  ],
  allowedSeverity: "error",
  options: {
    // Type-only imports count: a layer that needs another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // A worktree's node_modules may be a symlink to another checkout's: keep the paths as linked, and match
    // node_modules/ anywhere in a path.
    preserveSymlinks: true,
    doNotFollow: { path: "(^|/)node_modules/" },
    exclude: { path: "^(generated|dist|tmp)/" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["gen-connector-source", "import", "types", "node", "default"],
    },
  },
};
