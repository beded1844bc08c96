// `gen-connector sync <dir>`: loads a generated connector and runs it through the runtime.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "../../runtime/errors.ts";
import type { ConnectorSpec } from "../../runtime/connector.ts";
import { loadReplay } from "../../runtime/fixtures/replay.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { syncDestinationUrl } from "../../runtime/sync/sync-target.ts";
import { formatSummary, type SyncSummary } from "../../runtime/sync/summary.ts";
import type { Command } from "./args.ts";
import { useSyncHeapGrowth } from "./heap-growth.ts";
import { importTypeScript } from "./import-typescript.ts";
import { missingPackage } from "./missing-package.ts";
import { displayPath } from "./paths.ts";
import { chooseProgress } from "./progress/choose.ts";

function isConnector(value: unknown): value is ConnectorSpec {
  const c = value as Partial<ConnectorSpec> | undefined;
  return typeof c === "object" && c !== null && typeof c.name === "string" && Array.isArray(c.resources) && typeof c.client === "object";
}

/** The connector's entry: `index.ts` (loaded through tsx) or, for a compiled connector, `index.js`. */
function entryOf(dir: string): { file: string; load: (file: string) => Promise<unknown> } {
  const source = resolve(dir, "index.ts");
  if (existsSync(source)) return { file: source, load: importTypeScript };
  const compiled = resolve(dir, "index.js");
  if (existsSync(compiled)) return { file: compiled, load: (file) => import(pathToFileURL(file).href) };
  throw new UsageError(`${displayPath(dir)} is not a generated connector: neither ${displayPath(join(dir, "index.ts"))} nor a compiled index.js exists`);
}

/** Imports the connector in `dir` (TypeScript as generated, or compiled by the user's tsc) and returns its `connector` export. */
export async function loadConnector(dir: string): Promise<ConnectorSpec> {
  const { file: entry, load } = entryOf(dir);
  let module: { connector?: unknown };
  try {
    module = (await load(entry)) as { connector?: unknown };
  } catch (error) {
    const missing = missingPackage(error);
    if (missing !== undefined) {
      throw new UsageError(
        `cannot load ${displayPath(entry)}: it imports the package "${missing}", which is not installed in this project: run npm install ${missing}`,
        { cause: error },
      );
    }
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new UsageError(`cannot load ${displayPath(entry)}: ${reason} (do the $hook modules it imports exist?)`, { cause: error });
  }
  if (!isConnector(module.connector)) throw new UsageError(`${displayPath(entry)} has no \`connector\` export: regenerate it with gen-connector`);
  return module.connector;
}

/** Runs the sync command; progress goes to stderr (live, plain, JSON lines or warnings only), the summary to stderr (or JSON to stdout). */
export async function syncCommand(command: Extract<Command, { kind: "sync" }>): Promise<SyncSummary> {
  const connector = await loadConnector(command.dir);
  useSyncHeapGrowth(syncDestinationUrl(connector, command.destination));
  const replay = command.replay === undefined ? undefined : loadReplay(command.replay);
  const progress = await chooseProgress(command);
  const summary = await runSync(connector, {
    ...replay?.options,
    ...(command.destination === undefined ? {} : { destination: command.destination }),
    ...(command.dataset === undefined ? {} : { dataset: command.dataset }),
    ...(command.baseUrl === undefined ? {} : { baseUrl: command.baseUrl }),
    resources: command.resources,
    ...(command.concurrency === undefined ? {} : { concurrency: command.concurrency }),
    fullRefresh: command.fullRefresh,
    params: command.params,
    observer: progress.observer,
  })
    .catch((error: unknown) => {
      throw replay?.mismatch() ?? error;
    })
    .finally(() => progress.close());
  const mismatch = replay?.mismatch();
  if (mismatch !== undefined) throw mismatch;
  if (command.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  if (progress.summary) process.stderr.write(`${formatSummary(summary)}\n`);
  if (command.logFormat === "json") process.stderr.write(`${JSON.stringify({ event: "summary", ...summary })}\n`);
  return summary;
}
