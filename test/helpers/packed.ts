// The package as users get it: `npm pack` of this checkout (prepack compiles dist/), unpacked once per
// test process under <repo>/tmp/, and throwaway user projects that have it installed. The unpacked
// package resolves its dependencies by walking up to the repository's node_modules, so no network and
// no install are needed; test/e2e/packaging.test.ts covers a real `npm install` of the tarball.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli.ts";

let packed: { readonly dir: string; readonly tarball: string } | undefined;

/** Packs the checkout once (building dist/) and returns the tarball and the folder holding it. */
export function packOnce(): { readonly dir: string; readonly tarball: string } {
  if (packed !== undefined) return packed;
  mkdirSync(join(ROOT, "tmp"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, "tmp", "packed-"));
  const output = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [report] = JSON.parse(output) as { filename: string }[];
  if (report === undefined) throw new Error(`npm pack printed no report: ${output}`);
  execFileSync("tar", ["-xzf", report.filename], { cwd: dir });
  // One pack serves every test file of the run (uvu runs them in one process); removed when it exits.
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  packed = { dir, tarball: join(dir, report.filename) };
  return packed;
}

/** The unpacked package folder (what `node_modules/gen-connector` holds after an install). */
export function packedPackage(): string {
  return join(packOnce().dir, "package");
}

/** A new user project with the packed package installed; `type` is its package.json "type". */
export function projectWithPackage(type: "module" | "commonjs" = "commonjs"): string {
  const project = mkdtempSync(join(packOnce().dir, "project-"));
  mkdirSync(join(project, "node_modules"));
  symlinkSync(packedPackage(), join(project, "node_modules", "gen-connector"), "dir");
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "user-project", version: "1.0.0", type }, null, 2)}\n`);
  return project;
}

/** The installed CLI's entry point inside a project made by projectWithPackage. */
export function installedBin(project: string): string {
  return join(project, "node_modules", "gen-connector", "bin", "gen-connector.js");
}
