// The planner's look at the roots `--pages-per-partition` may split (the shell around page-ranges.ts):
// each splittable root's first page is fetched (alone, no read-ahead) for the total its paginator
// reports; a root that cannot be split is named with why and stays one partition.
import type { ConnectorSpec } from "../connector.ts";
import { PaginationError } from "../errors.ts";
import { bodyPath, readTotal } from "../paginators/body-values.ts";
import type { ClientOptions } from "../stream/options.ts";
import { RestClient } from "../stream/rest-client.ts";
import type { PlannedResource } from "../sync/plan.ts";
import { type FirstPage, type RangeSpec, rangeSpec } from "./page-ranges.ts";

/** A root to split: its paginator, its first page's total and size, and the pages per range. */
export interface ProbedRoot {
  readonly spec: RangeSpec;
  readonly first: FirstPage;
  readonly perPartition: number;
}

/** The roots of `roots` that can be split, by resource name, each probed; `note` hears each root left whole and why. */
export async function probePageRanges(
  connector: ConnectorSpec,
  roots: readonly PlannedResource[],
  perPartition: number,
  options: ClientOptions,
  note: (line: string) => void,
): Promise<Map<string, ProbedRoot>> {
  const probed = new Map<string, ProbedRoot>();
  const client = new RestClient(connector.client, { ...options, concurrency: 1 });
  for (const root of roots) {
    const { name } = root.resource;
    const spec = rangeSpec(root);
    if (typeof spec === "string") {
      note(`${name}: stays one partition, not split into page ranges: ${spec}`);
      continue;
    }
    const page = await client.stream(name, root.resource.endpoint).firstPage();
    let total: number;
    try {
      total = readTotal(bodyPath(spec.totalPath), page.body, `${spec.type} paginator`);
    } catch (error) {
      if (!(error instanceof PaginationError)) throw error;
      throw new PaginationError(`${name}: --pages-per-partition needs the total on the first page to cut it into ranges: ${error.message}`);
    }
    probed.set(name, { spec, first: { total, records: page.records.length }, perPartition });
  }
  return probed;
}
