// Install cost of the packed package: `npm install <tarball>` into an `npm init -y` project, full (with
// the generation tools, npm's default) and sync-only (`--omit=peer`), as whole processes with a warm
// npm cache (--prefer-offline); size on disk and number of installed packages.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { measure, medians, repeat } from "./measure.ts";

function diskMb(dir: string): number {
  return Number(execFileSync("du", ["-sm", dir], { encoding: "utf8" }).split("\t")[0]);
}

/** Packages on disk: the lockfile's entries that were installed (`npm ls` exits 1 when peers were omitted). */
function packages(project: string): number {
  const lock = JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8")) as { packages: Record<string, unknown> };
  return Object.keys(lock.packages).filter((key) => key !== "" && existsSync(join(project, key))).length;
}

/** Prints the install table for `tarball` (made by `npm pack`), working in `work`. */
export async function installBench(tarball: string, work: string, runs: number): Promise<void> {
  const lines: string[] = [];
  for (const [name, flags] of [
    ["npm install (with generation tools)", []],
    ["npm install --omit=peer (sync only)", ["--omit=peer"]],
  ] as const) {
    const project = join(work, `install-${flags.length}`);
    const row = await repeat(name, runs, () => {
      rmSync(project, { recursive: true, force: true });
      mkdirSync(project, { recursive: true });
      execFileSync("npm", ["init", "-y"], { cwd: project, stdio: "ignore" });
      return measure("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...flags, tarball], {}, project);
    });
    lines.push(`| ${name} | ${medians(row).seconds.toFixed(1)} | ${packages(project)} | ${diskMb(join(project, "node_modules"))} |`);
  }
  process.stdout.write(`| install (median of ${runs}, warm cache) | seconds | packages | MB on disk |\n|---|---:|---:|---:|\n${lines.join("\n")}\n\n`);
}
