// `gen-connector state`'s report from stored rows: a root cursor, a child's cursors per parent record, a
// resource without stored state, a row whose load did not complete (ignored, as a sync ignores it).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatState, resourceStates } from "../../../generator/cli/state.ts";
import type { ConnectorSpec } from "../../../runtime/connector.ts";
import type { StateRow } from "../../../runtime/destinations/inspect.ts";
import { incrementalSpec } from "../../helpers/incremental-spec.ts";

const resource = (name: string, parent: string | null, initialValue: string | null) =>
  ({
    name,
    parent: parent === null ? null : { resource: parent },
    endpoint: { incremental: initialValue === null ? null : incrementalSpec({ initialValue }) },
  }) as const;
const connector = {
  name: "support",
  resources: [
    resource("tickets", null, "2024-01-01"),
    resource("comments", "tickets", "2024-02-01"),
    resource("users", null, "2024-03-01"),
    resource("tags", null, null),
  ],
} as unknown as ConnectorSpec;

const row = (key: string, value: unknown, updatedAt: string, trusted = true): StateRow => ({ key, resource: null, value, updatedAt, loadId: "L1", trusted });
const cursor = (lastValue: string, initialValue: string) => ({ lastValue, boundaryKeys: ["[1]"], initialValue });

test("state per resource and per parent record; untrusted rows are ignored like a sync ignores them", () => {
  const rows = [
    row("resources.tickets.incremental.updated_at", cursor("2024-05-01", "2024-01-01"), "2026-12-06T20:00:02.000Z", false),
    row("resources.tickets.incremental.updated_at", cursor("2024-04-01", "2024-01-01"), "2026-12-06T20:00:01.000Z"),
    row(
      "resources.comments.incremental.updated_at",
      { parents: { "[1]": cursor("2024-02-03", "2024-02-01"), "[2]": cursor("2024-02-05", "2024-02-01") } },
      "2026-12-06T20:00:01.000Z",
    ),
    row("legacy", 42, "2026-12-06T20:00:01.000Z"),
  ];
  const { resources, other } = resourceStates(connector, rows);
  assert.equal(formatState(resources, other).split("\n"), [
    "tickets: updated_at = 2024-04-01 (from initial_value 2024-01-01, 1 record at it), written 2026-12-06 20:00:01Z by load L1 (1 newer row ignored: its load did not complete)",
    "comments: cursors of 2 parent records, written 2026-12-06 20:00:01Z by load L1",
    "  parent [1]: updated_at = 2024-02-03 (from initial_value 2024-02-01, 1 record at it)",
    "  parent [2]: updated_at = 2024-02-05 (from initial_value 2024-02-01, 1 record at it)",
    "users: no stored cursor: the next sync starts from initial_value 2024-03-01",
    "other state legacy: 42",
  ]);
  assert.equal(resources[1]?.parents?.["[2]"], { lastValue: "2024-02-05", initialValue: "2024-02-01", boundaryRecords: 1 });
});

test.run();
