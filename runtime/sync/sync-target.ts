// Where a sync writes when not told otherwise: the one definition `sync` and the operations commands
// (`loads`, `state`, `reset`) share, so they always look at the same database and dataset.
import type { ConnectorSpec } from "../connector.ts";
import { normalizeIdentifier } from "../normalize/identifier.ts";

/** The destination URL: the given one, else `duckdb:./<connector>.duckdb`. */
export function syncDestinationUrl(connector: Pick<ConnectorSpec, "name">, destination?: string): string {
  return destination ?? `duckdb:./${connector.name}.duckdb`;
}

/** The dataset (schema): the given one, else the connector's name as an identifier. */
export function syncDataset(connector: Pick<ConnectorSpec, "name">, dataset?: string): string {
  return dataset ?? normalizeIdentifier(connector.name);
}
