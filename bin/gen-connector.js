#!/usr/bin/env node
// Entry point. Installed, it runs the bundled CLI in dist/bundle/ (plain JavaScript, no loader). In a
// checkout of the repository (generator/cli.ts beside it) it runs the TypeScript source through tsx,
// resolving `gen-connector/runtime` to the source too, so the dev loop needs no build.
import { existsSync } from "node:fs";
import { register } from "node:module";

const source = new URL("../generator/cli.ts", import.meta.url);
let main;
let prepareProcess;
if (existsSync(source)) {
  register("./source-condition.js", import.meta.url);
  const tsx = await import("tsx/esm/api");
  tsx.register();
  ({ main, prepareProcess } = await import(source.href));
} else if (existsSync(new URL("../dist/bundle/cli.js", import.meta.url))) {
  ({ main, prepareProcess } = await import("../dist/bundle/cli.js"));
}
if (main === undefined) {
  process.stderr.write(
    "error: gen-connector is not built: neither generator/cli.ts nor dist/bundle/cli.js is beside bin/ (run npm run build in the package)\n",
  );
  process.exitCode = 2;
} else {
  prepareProcess?.(process.argv.slice(2));
  process.exitCode = await main(process.argv.slice(2));
}
