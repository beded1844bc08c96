// `gen-connector reset <dir> --resource R [--drop-tables]`: forget a resource's incremental state (and
// its tables) so its next sync starts from initial_value, holding the dataset's sync lock.
import { resetResource } from "../../runtime/destinations/reset-resource.ts";
import { jsonText } from "./json-out.ts";
import type { OpsCommand } from "./ops-args.ts";
import { resourceOf, withSyncedDataset } from "./synced-dataset.ts";

/** Resets the resource and prints what was dropped (stdout; JSON with --json). */
export async function resetCommand(command: Extract<OpsCommand, { kind: "reset" }>): Promise<void> {
  await withSyncedDataset(command, true, async ({ connector, destination, dataset, ds }) => {
    const resource = resourceOf(connector, command.resource);
    const outcome = await resetResource(ds, { resource: resource.name, table: resource.table.name, dropTables: command.dropTables });
    if (command.json) {
      process.stdout.write(`${jsonText({ connector: connector.name, destination, dataset, resource: resource.name, ...outcome })}\n`);
      return;
    }
    const state = outcome.stateKeys.length === 0 ? "no stored state" : `state ${outcome.stateKeys.join(", ")}`;
    const tables = command.dropTables
      ? `; dropped ${outcome.tables.length === 0 ? "no table (none existed)" : `table${outcome.tables.length === 1 ? "" : "s"} ${outcome.tables.map((t) => `${dataset}.${t}`).join(", ")}`}`
      : "";
    const iv = resource.endpoint.incremental?.initialValue;
    const initial = iv === undefined || iv === null ? "" : ` (initial_value ${String(iv)})`;
    process.stdout.write(
      `reset ${resource.name} in dataset ${dataset} of ${destination}: dropped ${state}${tables}; the next sync of ${resource.name} starts from scratch${initial}\n`,
    );
  });
}
