// Opens what a generated connector's syncs wrote, for loads / state / reset: the connector from its
// directory, the destination and dataset resolved by the same code as `sync`, both required to exist
// (nothing is ever created), and the dataset's session and dialect.
import type { ConnectorSpec } from "../../runtime/connector.ts";
import { hasDatasetAccess } from "../../runtime/destinations/dataset-access.ts";
import type { Dataset } from "../../runtime/destinations/dialect.ts";
import { datasetExists } from "../../runtime/destinations/inspect.ts";
import { openExistingDestination } from "../../runtime/destinations/open-existing.ts";
import { redactDestination } from "../../runtime/destinations/open.ts";
import { DestinationError, GenConnectorError, UsageError } from "../../runtime/errors.ts";
import { syncDataset, syncDestinationUrl } from "../../runtime/sync/sync-target.ts";
import { loadConnector } from "./sync.ts";

/** What a command sees: the connector, where its syncs wrote (password masked) and the dataset. */
export interface SyncedDataset {
  readonly connector: ConnectorSpec;
  /** The destination URL without its password. */
  readonly destination: string;
  readonly dataset: string;
  readonly ds: Dataset;
}

export interface Where {
  readonly dir: string;
  readonly destination: string | undefined;
  readonly dataset: string | undefined;
}

/** A resource of the connector by name; UsageError listing the resources when there is none. */
export function resourceOf(connector: ConnectorSpec, name: string): ConnectorSpec["resources"][number] {
  const found = connector.resources.find((r) => r.name === name);
  if (found !== undefined) return found;
  const known = connector.resources.map((r) => JSON.stringify(r.name)).join(", ");
  throw new UsageError(`unknown resource ${JSON.stringify(name)}: ${connector.name} has ${known}`);
}

/** Runs `work` on the dataset the connector's syncs wrote (`lock`: holding the dataset's sync lock); the destination is closed afterwards. */
export async function withSyncedDataset<T>(where: Where, lock: boolean, work: (synced: SyncedDataset) => Promise<T>): Promise<T> {
  const connector = await loadConnector(where.dir);
  const url = syncDestinationUrl(connector, where.destination);
  const dataset = syncDataset(connector, where.dataset);
  const shown = redactDestination(url);
  const destination = await openExistingDestination(url);
  try {
    if (!hasDatasetAccess(destination)) throw new UsageError(`destination ${shown} cannot be inspected`);
    return await destination.withDataset(
      dataset,
      async (ds) => {
        if (!(await datasetExists(ds))) {
          throw new UsageError(`dataset ${JSON.stringify(dataset)} does not exist in ${shown}: nothing was synced there (pass the --dataset the sync used)`);
        }
        return work({ connector, destination: shown, dataset, ds });
      },
      { lock },
    );
  } catch (error) {
    if (error instanceof GenConnectorError) throw error;
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new DestinationError(`${shown}: dataset ${JSON.stringify(dataset)}: ${reason}`, { cause: error });
  } finally {
    await destination.close();
  }
}
