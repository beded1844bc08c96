// The package as users run it, for the whole-process cases: `npm pack` of the checkout (prepack compiles
// dist/), unpacked under tmp/ (its dependencies resolve up to the repository's node_modules), and a
// project that has it installed with copies of the generated connectors the cases sync.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface InstalledPackage {
  /** The user project: run the CLI with this as the working directory. */
  readonly project: string;
  /** The installed CLI entry point (runs dist/ JavaScript). */
  readonly bin: string;
  /** The checkout's own entry point (runs the TypeScript source through tsx). */
  readonly sourceBin: string;
  /** The tarball `npm pack` made. */
  readonly tarball: string;
  remove(): void;
}

/** Packs `root`, installs it into a fresh project under `root`/tmp/, copies `connectors` from generated/. */
export function installPackage(root: string, connectors: readonly string[]): InstalledPackage {
  const dir = join(root, "tmp", "bench-package");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const output = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const [report] = JSON.parse(output) as { filename: string }[];
  execFileSync("tar", ["-xzf", report!.filename], { cwd: dir });
  const project = join(dir, "project");
  mkdirSync(join(project, "node_modules"), { recursive: true });
  symlinkSync(join(dir, "package"), join(project, "node_modules", "gen-connector"), "dir");
  writeFileSync(join(project, "package.json"), '{ "name": "bench-project", "version": "1.0.0", "type": "commonjs" }\n');
  for (const name of connectors) cpSync(join(root, "generated", name), join(project, name), { recursive: true });
  return {
    project,
    bin: join(project, "node_modules", "gen-connector", "bin", "gen-connector.js"),
    sourceBin: join(root, "bin", "gen-connector.js"),
    tarball: join(dir, report!.filename),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
