// The thin shell: argv, disk, console and exit codes. Everything else is pure or in the runtime.
// Commands load their modules lazily: `sync` must not pay for the generator (ts-morph) at start-up.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { GenConnectorError } from "../runtime/errors.ts";
import { parseCommand, USAGE, type Command } from "./cli/args.ts";
import { withGenerationTools } from "./cli/generation-tools.ts";
import { commandHelp, generalHelp } from "./cli/help.ts";
import { useSyncYoungGeneration } from "./cli/young-generation.ts";
import { packageRoot } from "./package-root.ts";

/** The package's version, from its package.json. */
function version(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL("package.json", packageRoot), "utf8"));
  return typeof manifest === "object" && manifest !== null && "version" in manifest ? String(manifest.version) : "unknown";
}

async function run(command: Command): Promise<number> {
  switch (command.kind) {
    case "help":
      process.stdout.write(`${command.topic === undefined ? generalHelp(version()) : commandHelp(command.topic)}\n`);
      return 0;
    case "version":
      process.stdout.write(`${version()}\n`);
      return 0;
    case "generate": {
      if (command.configs.length === 0) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const { planOutput, writeOutput } = await withGenerationTools("generate", () => import("./cli/files.ts"));
      for (const config of command.configs) {
        const planned = planOutput(config, command.out);
        const written = writeOutput(planned);
        process.stderr.write(`${config}: ${written.length === 0 ? `${planned.dir} is up to date` : `wrote ${written.join(", ")}`}\n`);
        for (const warning of planned.warnings) process.stderr.write(`warning: ${config}: ${warning}\n`);
      }
      return 0;
    }
    case "check": {
      const { planOutput, staleFiles } = await withGenerationTools("check", () => import("./cli/files.ts"));
      const problems = command.configs.flatMap((config) => staleFiles(planOutput(config, undefined)).map((file) => ({ config, file })));
      if (problems.length === 0) return 0;
      process.stderr.write(`stale generated files:\n${problems.map((p) => `  ${p.file} (from ${p.config})`).join("\n")}\n`);
      process.stderr.write(`fix with: npx gen-connector ${[...new Set(problems.map((p) => p.config))].join(" ")}\n`);
      return 1;
    }
    case "schema": {
      const { configJsonSchema } = await withGenerationTools("schema", () => import("./config/json-schema.ts"));
      mkdirSync(dirname(command.out), { recursive: true });
      writeFileSync(command.out, configJsonSchema());
      process.stderr.write(`wrote ${command.out}\n`);
      return 0;
    }
    case "init": {
      const { initCommand } = await withGenerationTools("init", () => import("./cli/init.ts"));
      return initCommand(command);
    }
    case "preview": {
      const { previewCommand } = await import("./cli/preview/command.ts");
      await previewCommand(command);
      return 0;
    }
    case "loads": {
      const { loadsCommand } = await import("./cli/loads.ts");
      await loadsCommand(command);
      return 0;
    }
    case "state": {
      const { stateCommand } = await import("./cli/state.ts");
      await stateCommand(command);
      return 0;
    }
    case "reset": {
      const { resetCommand } = await import("./cli/reset.ts");
      await resetCommand(command);
      return 0;
    }
    case "worker": {
      const { workerCommand } = await import("./cli/worker.ts");
      return workerCommand(command);
    }
    case "runs": {
      const { runsCommand } = await import("./cli/runs.ts");
      await runsCommand(command);
      return 0;
    }
    case "sync": {
      if (command.distributed !== undefined) {
        const { distributedSyncCommand } = await import("./cli/distributed-sync.ts");
        return distributedSyncCommand(command);
      }
      const { syncCommand } = await import("./cli/sync.ts");
      await syncCommand(command);
      return 0;
    }
  }
}

/**
 * What the process needs before `main` runs `argv`, called by the bin (never by a program that runs
 * `main` in its own process): `sync` and `worker` may replace the process to get the young generation
 * a sync needs (cli/young-generation.ts).
 */
export function prepareProcess(argv: readonly string[]): void {
  if (argv[0] === "sync" || argv[0] === "worker") useSyncYoungGeneration();
}

/** Runs the CLI and returns the exit code: 0 ok, 1 sync failed / stale, 2 usage, config or secret. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(parseCommand(argv));
  } catch (error) {
    if (error instanceof GenConnectorError) {
      process.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`internal error (a gen-connector bug): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
