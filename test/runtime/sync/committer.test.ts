// The committer on fake sinks: what each resource of a unit commits, in which order, and when a load
// counts as a complete extract (missing-row reconciliation) or is refused as one with a warning.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector as supportTickets } from "../../../generated/support_tickets/index.ts";
import type { ResourceSpec } from "../../../runtime/connector.ts";
import type { CommitOptions, StateEntry } from "../../../runtime/destinations/destination.ts";
import type { PageStream } from "../../../runtime/stream/page-stream.ts";
import { commitUnit } from "../../../runtime/sync/committer.ts";
import { ResourceRun } from "../../../runtime/sync/resource-run.ts";
import type { UnitNode } from "../../../runtime/sync/sequences.ts";
import type { UnitSink } from "../../../runtime/sync/unit-sink.ts";
import { workUnits } from "../../../runtime/sync/units.ts";
import { cutWindows } from "../../../runtime/sync/windows.ts";
import { seed } from "../../e2e/variants.ts";
import { windowIncremental } from "../../helpers/windowed.ts";

interface Committed {
  readonly resource: string;
  readonly state: StateEntry | undefined;
  readonly options: CommitOptions | undefined;
}

function node(resource: ResourceSpec, log: Committed[], children: UnitNode[] = [], rows = 2, quarantined = 0): UnitNode {
  const writer = {
    rows,
    quarantined,
    discards: {},
    commit: async (state?: StateEntry, options?: CommitOptions) => {
      log.push({ resource: resource.name, state, options });
      return { inserted: rows, updated: 0, unchanged: 0 };
    },
  };
  const sink = { run: { loadId: "L", connector: "c", resource: resource.name, table: resource.table.name }, writer: async () => writer } as unknown as UnitSink;
  const planned = { resource, load: true, parentKey: [], children: [] };
  const run = new ResourceRun(planned, { http: { requests: 0, retries: 0, ignored: 0 } } as unknown as PageStream, (r) => [r], []);
  return { run, sink, children, cut: null };
}

const [tickets, comments] = supportTickets.resources as [ResourceSpec, ResourceSpec];
const windowedTickets: ResourceSpec = { ...tickets, endpoint: { ...tickets.endpoint, incremental: windowIncremental } };
const windows = workUnits(cutWindows(windowIncremental, windowIncremental.window!, null, 0));

test("a window commits its children before its root, the root's cursor at the window's end; full refresh only at the first window", async () => {
  const log: Committed[] = [];
  await commitUnit(node(windowedTickets, log, [node(comments, log)]), windows[0]!, { fullRefresh: true });
  await commitUnit(node(windowedTickets, log, [node(comments, log)]), windows[1]!, { fullRefresh: true });
  assert.equal(
    log.map((c) => [c.resource, c.options?.fullRefresh, c.options?.load?.records]),
    [
      ["ticket_comments", true, 2],
      ["tickets", true, 2],
      ["ticket_comments", false, 2],
      ["tickets", false, 2],
    ],
  );
  assert.equal(
    log.filter((c) => c.resource === "tickets").map((c) => (c.state?.value as { lastValue: string } | undefined)?.lastValue),
    ["2024-01-01T01:00:00Z", "2024-01-01T02:00:00Z"],
  );
  assert.is(log[0]?.state, undefined, "the child has no cursor of its own");
});

const reconciling: ResourceSpec = {
  ...seed.resources[0]!,
  table: { ...seed.resources[0]!.table, writeDisposition: "merge", merge: { strategy: "delete-insert", missing: "delete" } },
};

test("a whole extract is complete; a sequence cut short makes it partial, with a warning naming why", async () => {
  const whole = workUnits(null)[0]!;
  const warnings: string[] = [];
  const observer = { warning: (resource: string, message: string) => void warnings.push(`${resource}: ${message}`) };
  const log: Committed[] = [];
  await commitUnit(node(reconciling, log), whole, { fullRefresh: false, observer });
  const cut = node(reconciling, log);
  cut.cut = "an ignore response action ended its request sequence at page 3 (HTTP 404)";
  await commitUnit(cut, whole, { fullRefresh: false, observer });
  assert.equal(
    log.map((c) => c.options?.complete),
    [true, false],
  );
  assert.equal(warnings, [
    "customer_support_data: missing: delete not applied: the extract may be partial (an ignore response action ended its request sequence at page 3 (HTTP 404)); rows the API no longer returns are kept",
  ]);
});

test("quarantined records, a child, or incremental make a load partial (without the cut-short warning)", async () => {
  const whole = workUnits(null)[0]!;
  const warnings: string[] = [];
  const observer = { warning: (_resource: string, message: string) => void warnings.push(message) };
  const log: Committed[] = [];
  await commitUnit(node(reconciling, log, [], 2, 1), whole, { fullRefresh: false, observer });
  await commitUnit(node(tickets, log, [node(comments, log)]), whole, { fullRefresh: false, observer });
  await commitUnit(node(windowedTickets, log), windows[0]!, { fullRefresh: false, observer });
  assert.equal(
    log.map((c) => [c.resource, c.options?.complete]),
    [
      ["customer_support_data", false],
      ["ticket_comments", false],
      ["tickets", true],
      ["tickets", false],
    ],
  );
  assert.equal(warnings, []);
});

test.run();
