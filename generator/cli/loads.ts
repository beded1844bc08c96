// `gen-connector loads <dir>`: the recent loads of each resource from the dataset's `_gc_loads`.
import { type LoadRow, readLoads } from "../../runtime/destinations/inspect.ts";
import { jsonText } from "./json-out.ts";
import type { OpsCommand } from "./ops-args.ts";
import { resourceOf, withSyncedDataset } from "./synced-dataset.ts";

/** `2026-12-06T20:10:01.123Z` → `2026-12-06 20:10:01Z`. */
export const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;

const count = (n: number | null, what: string): string | null => (n === null || n === 0 ? null : `${n} ${what}`);

/** One load as a line: when, status, duration, counts or error, load id. */
export function formatLoad(load: LoadRow): string {
  const seconds = load.seconds === null ? "" : ` ${load.seconds.toFixed(1)} s`;
  const counts = [
    count(load.inserted, "inserted"),
    count(load.updated, "updated"),
    count(load.unchanged, "unchanged"),
    count(load.deleted, "deleted"),
    count(load.quarantined, "quarantined"),
  ].filter((c) => c !== null);
  const records = load.records === null ? "" : `, ${load.records} records${counts.length === 0 ? "" : ` (${counts.join(", ")})`}`;
  const error = load.error === null ? "" : `: ${load.error.split("\n")[0]}`;
  return `  ${when(load.startedAt)}  ${load.status}${seconds}${records}${error}  [load ${load.loadId}]`;
}

/** The report: per resource (the connector's first, then any other the table names), its loads newest first. */
export function formatLoads(resources: readonly string[], loads: readonly LoadRow[], limit: number | null): string {
  const names = [...new Set([...resources, ...loads.map((l) => l.resource)])];
  return names
    .map((name) => {
      const mine = loads.filter((l) => l.resource === name);
      if (mine.length === 0) return `${name}: no loads recorded`;
      const heading = limit !== null && mine.length === limit ? `the last ${limit} loads` : `${mine.length} load${mine.length === 1 ? "" : "s"}`;
      return [`${name} (table ${mine[0]!.table}): ${heading}, newest first`, ...mine.map(formatLoad)].join("\n");
    })
    .join("\n");
}

/** Prints the loads: text on stdout, or JSON with --json. */
export async function loadsCommand(command: Extract<OpsCommand, { kind: "loads" }>): Promise<void> {
  await withSyncedDataset(command, false, async ({ connector, destination, dataset, ds }) => {
    if (command.resource !== undefined) resourceOf(connector, command.resource);
    const loads = await readLoads(ds, { ...(command.resource === undefined ? {} : { resource: command.resource }), limit: command.limit ?? 2 ** 31 - 1 });
    if (command.json) {
      process.stdout.write(`${jsonText({ connector: connector.name, destination, dataset, loads })}\n`);
      return;
    }
    const resources = command.resource === undefined ? connector.resources.map((r) => r.name) : [command.resource];
    process.stdout.write(`loads in dataset ${dataset} of ${destination}\n${formatLoads(resources, loads, command.limit)}\n`);
  });
}
