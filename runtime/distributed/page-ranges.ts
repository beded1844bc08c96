// Page-range partitions (opt-in: `sync --distributed --pages-per-partition N`), pure. A root whose
// first page tells how far its offset or page_number sequence goes is cut into ranges of N pages, each
// a partition of its own (its children ride in it). Offsets over a list that changes while the run goes
// shift records between pages — a record inserted before a boundary is fetched twice, one deleted makes
// a later one skipped — so only a merge on a primary key may be split (duplicates merge away), never a
// run that deletes what it did not see, and the run's records are reconciled against the planned total
// at its end, so a skip is reported rather than silent. The last range is open: records the API appends
// while the run goes are still fetched.
import type { EndpointSpec } from "../connector.ts";
import type { OffsetSpec } from "../paginators/offset.ts";
import type { PageNumberSpec } from "../paginators/page-number.ts";
import type { PlannedResource } from "../sync/plan.ts";
import type { PageBounds, PageRangePlan, RunPlan } from "./partition.ts";

/** A paginator a root can be split by: offset or page_number, with a total on its first page. */
export type RangeSpec = (OffsetSpec | PageNumberSpec) & { readonly totalPath: string };

/** What the planner read from the root's first page. */
export interface FirstPage {
  /** The total at the paginator's total_path: records (offset) or pages (page_number). */
  readonly total: number;
  /** Records on the first page (a page_number run's expected size is estimated from it). */
  readonly records: number;
}

/** The root's paginator when it can be split into page ranges, else why not (a sentence for the planner's note). */
export function rangeSpec(root: PlannedResource): RangeSpec | string {
  const { resource } = root;
  const { paginator, incremental } = resource.endpoint;
  const { table } = resource;
  if (paginator.type !== "offset" && paginator.type !== "page_number") return `its ${paginator.type} paginator cannot be cut by position`;
  if (paginator.totalPath === null) return "its paginator has no total_path, so the planner cannot tell how far it goes";
  if (incremental?.window !== undefined) return "it is split by its incremental windows already";
  if (incremental !== null) return "it is incremental (its cursor needs every page committed in order; an incremental window splits it instead)";
  if (table.writeDisposition !== "merge" || resource.primaryKey.length === 0)
    return "only a merge on a primary key absorbs the records a changing list shifts between pages";
  if (table.merge?.strategy === "scd2") return "scd2 retires records missing from a full extract, and a page range is not one";
  if (table.merge?.missing !== undefined) return "missing-row reconciliation needs one full extract, and a page range is not one";
  return { ...paginator, totalPath: paginator.totalPath };
}

/** The root's page ranges of `perPartition` pages each, and the totals the run is reconciled against. */
export function cutPageRanges(
  resource: string,
  spec: RangeSpec,
  first: FirstPage,
  perPartition: number,
): { readonly bounds: PageBounds[]; readonly plan: PageRangePlan } {
  const { start, step, maximum } = positions(spec);
  // The position past the last page: the total (records from offset 0, or pages from base_page), capped by the maximum.
  const past = Math.min(spec.type === "offset" ? first.total : first.total + spec.basePage, maximum ?? Number.POSITIVE_INFINITY);
  const pages = Math.max(1, Math.ceil((past - start) / step));
  const count = Math.ceil(pages / perPartition);
  const bounds = Array.from({ length: count }, (_, index) => ({
    index,
    count,
    start: start + index * perPartition * step,
    end: index === count - 1 ? maximum : start + (index + 1) * perPartition * step,
  }));
  const expected =
    spec.type === "offset"
      ? { min: Math.max(0, past - start), max: Math.max(0, past - start) }
      : { min: pages === 1 ? first.records : (pages - 1) * first.records + 1, max: pages * first.records };
  return { bounds, plan: { resource, paginator: spec.type, pagesPerPartition: perPartition, total: first.total, expected } };
}

/** `endpoint` as a page range fetches it: the paginator starts at the range's first position and never requests its end. */
export function rangeEndpoint(endpoint: EndpointSpec, bounds: PageBounds): EndpointSpec {
  const { paginator } = endpoint;
  if (paginator.type === "offset") return { ...endpoint, paginator: { ...paginator, offset: bounds.start, maximumOffset: bounds.end } };
  if (paginator.type === "page_number") return { ...endpoint, paginator: { ...paginator, page: bounds.start, maximumPage: bounds.end } };
  throw new Error(`a page range needs an offset or page_number paginator, found ${paginator.type}`);
}

/** What a run's page-range resources fetched against what their first page announced: one line per mismatch. */
export function reconcilePageRanges(
  plan: Pick<RunPlan, "pageRanges">,
  markers: readonly { readonly resource: string; readonly partition: string; readonly records: number }[],
): string[] {
  const lines: string[] = [];
  for (const ranges of plan.pageRanges ?? []) {
    const fetched = markers.filter((m) => m.resource === ranges.resource && m.partition.startsWith("p")).reduce((n, m) => n + m.records, 0);
    const { min, max } = ranges.expected;
    const announced = min === max ? `${min}` : `${min}–${max}`;
    if (fetched < min) {
      lines.push(
        `${ranges.resource}: its page ranges fetched ${fetched} records, the API announced ${announced} when the run was planned: ` +
          `records deleted while the run went shift later ones onto pages already fetched, so up to ${min - fetched} may have been skipped — ` +
          "sync it again (merge makes that safe), or without --pages-per-partition",
      );
    } else if (fetched > max) {
      lines.push(
        `${ranges.resource}: its page ranges fetched ${fetched} records, ${fetched - max} more than the ${announced} the API announced when the run was planned: ` +
          "the list grew or shifted while the run went (records fetched twice were merged); if records were also deleted, some may have been skipped — " +
          "sync it again to be sure",
      );
    }
  }
  return lines;
}

/** Where a paginator's positions start, how far a page moves them and the position never requested (null: none). */
function positions(spec: RangeSpec): { start: number; step: number; maximum: number | null } {
  return spec.type === "offset"
    ? { start: spec.offset, step: spec.limit, maximum: spec.maximumOffset }
    : { start: spec.page, step: 1, maximum: spec.maximumPage };
}
