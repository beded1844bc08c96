// `gen-connector state <dir>`: the incremental cursors the syncs committed, per resource and, for a
// child resource, per parent record, as the next sync will read them.
import type { ConnectorSpec } from "../../runtime/connector.ts";
import { readStateRows, type StateRow } from "../../runtime/destinations/inspect.ts";
import { incrementalStateKey } from "../../runtime/incremental/state.ts";
import { jsonText } from "./json-out.ts";
import { when } from "./loads.ts";
import type { OpsCommand } from "./ops-args.ts";
import { withSyncedDataset } from "./synced-dataset.ts";

/** One stored cursor: the last value, the initial_value it was written under, how many records sit on the boundary. */
export interface StoredCursor {
  readonly lastValue: unknown;
  readonly initialValue: unknown;
  readonly boundaryRecords: number;
}

/** A resource's cursor as the next sync reads it. */
export interface ResourceState {
  readonly resource: string;
  readonly key: string;
  readonly cursorPath: string;
  /** The config's initial_value, where a run without stored state starts. */
  readonly configInitialValue: unknown;
  /** The stored state a sync trusts (its load completed); null when there is none. */
  readonly stored: { readonly updatedAt: string; readonly loadId: string | null } | null;
  /** The root resource's cursor, or null (none stored, or a child resource). */
  readonly cursor: StoredCursor | null;
  /** A child resource's cursors per parent record key. */
  readonly parents?: Readonly<Record<string, StoredCursor>>;
  /** Newer rows a sync ignores: their load did not complete. */
  readonly ignored: number;
}

function cursorOf(value: unknown): StoredCursor | null {
  if (value === null || typeof value !== "object") return null;
  const v = value as { lastValue?: unknown; initialValue?: unknown; boundaryKeys?: unknown };
  return { lastValue: v.lastValue ?? null, initialValue: v.initialValue ?? null, boundaryRecords: Array.isArray(v.boundaryKeys) ? v.boundaryKeys.length : 0 };
}

/** The connector's incremental resources with their stored state, and the rows no resource of the connector owns. */
export function resourceStates(connector: ConnectorSpec, rows: readonly StateRow[]): { resources: ResourceState[]; other: StateRow[] } {
  const keys = new Set<string>();
  const resources = connector.resources.flatMap((resource): ResourceState[] => {
    const spec = resource.endpoint.incremental;
    if (spec === null) return [];
    const key = incrementalStateKey(resource.name, spec.cursorPath);
    keys.add(key);
    const mine = rows.filter((r) => r.key === key); // newest first
    const trusted = mine.find((r) => r.trusted);
    const ignored = mine.filter((r) => !r.trusted && (trusted === undefined || r.updatedAt > trusted.updatedAt)).length;
    const value = trusted?.value ?? null;
    const parents =
      resource.parent === null
        ? undefined
        : Object.fromEntries(
            Object.entries(value !== null && typeof value === "object" && "parents" in value ? (value.parents as Record<string, unknown>) : {}).flatMap(
              ([parent, v]) => {
                const c = cursorOf(v);
                return c === null ? [] : [[parent, c] as const];
              },
            ),
          );
    return [
      {
        resource: resource.name,
        key,
        cursorPath: spec.cursorPath,
        configInitialValue: spec.initialValue,
        stored: trusted === undefined ? null : { updatedAt: trusted.updatedAt, loadId: trusted.loadId },
        cursor: resource.parent === null ? cursorOf(value) : null,
        ...(parents === undefined ? {} : { parents }),
        ignored,
      },
    ];
  });
  return { resources, other: rows.filter((r) => !keys.has(r.key)) };
}

const show = (v: unknown): string => (typeof v === "string" ? v : typeof v === "bigint" ? v.toString() : JSON.stringify(v));

function cursorText(path: string, c: StoredCursor): string {
  const boundary = c.boundaryRecords === 0 ? "" : `, ${c.boundaryRecords} record${c.boundaryRecords === 1 ? "" : "s"} at it`;
  return `${path} = ${show(c.lastValue)} (from initial_value ${show(c.initialValue)}${boundary})`;
}

/** The report, a resource per paragraph. */
export function formatState(states: readonly ResourceState[], other: readonly StateRow[]): string {
  const lines: string[] = [];
  for (const s of states) {
    const ignored =
      s.ignored === 0 ? "" : ` (${s.ignored === 1 ? "1 newer row ignored: its load" : `${s.ignored} newer rows ignored: their loads`} did not complete)`;
    const written = s.stored === null ? "" : `, written ${when(s.stored.updatedAt)}${s.stored.loadId === null ? "" : ` by load ${s.stored.loadId}`}`;
    const parents = Object.entries(s.parents ?? {});
    if (s.stored === null || (s.cursor === null && parents.length === 0)) {
      lines.push(`${s.resource}: no stored cursor: the next sync starts from initial_value ${show(s.configInitialValue)}${ignored}`);
    } else if (s.parents === undefined) {
      lines.push(`${s.resource}: ${cursorText(s.cursorPath, s.cursor!)}${written}${ignored}`);
    } else {
      lines.push(`${s.resource}: cursors of ${parents.length} parent record${parents.length === 1 ? "" : "s"}${written}${ignored}`);
      for (const [parent, c] of parents) lines.push(`  parent ${parent}: ${cursorText(s.cursorPath, c)}`);
    }
  }
  if (states.length === 0) lines.push("no resource of this connector is incremental");
  for (const r of other) lines.push(`other state ${r.key}: ${show(r.value)}${r.trusted ? "" : " (ignored: its load did not complete)"}`);
  return lines.join("\n");
}

/** Prints the state: text on stdout, or JSON with --json. */
export async function stateCommand(command: Extract<OpsCommand, { kind: "state" }>): Promise<void> {
  await withSyncedDataset(command, false, async ({ connector, destination, dataset, ds }) => {
    const { resources, other } = resourceStates(connector, await readStateRows(ds));
    if (command.json) {
      process.stdout.write(`${jsonText({ connector: connector.name, destination, dataset, resources, other })}\n`);
      return;
    }
    process.stdout.write(`state in dataset ${dataset} of ${destination}\n${formatState(resources, other)}\n`);
  });
}
