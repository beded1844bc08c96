// The record pipeline of one page, on tiny inputs: its order and its refusals.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import type { ResourceSpec } from "../../../runtime/connector.ts";
import { RecordValidationError } from "../../../runtime/errors.ts";
import { IncrementalTracker } from "../../../runtime/incremental/tracker.ts";
import { pageRecords } from "../../../runtime/sync/records.ts";
import { seed } from "../../e2e/variants.ts";
import { incrementalSpec } from "../../helpers/incremental-spec.ts";

const base = seed.resources[0]!;
const resource: ResourceSpec = {
  ...base,
  name: "comments",
  schema: z.looseObject({ id: z.number(), at: z.number() }),
  primaryKey: ["id"],
  parent: { resource: "tickets", includeFromParent: ["id"] },
};
const page = (records: unknown[]) => ({ number: 1, records, url: "https://api.test/x" });
const incremental = incrementalSpec({ cursorPath: "at", initialValue: 10 });

test("validate → include_from_parent → steps → incremental filter, in that order", () => {
  // The step sees the parent field and shifts the cursor: the filter judges the stepped record (as in dlt).
  const steps = (r: Record<string, unknown>) => [{ ...r, at: (r.at as number) + (r._tickets_id as number) }];
  const tracker = new IncrementalTracker(incremental, ["id"], null);
  const out = pageRecords(
    { resource, steps, writer: null },
    page([
      { id: 1, at: 5 },
      { id: 2, at: 1 },
    ]),
    { id: 7 },
    tracker,
  );
  assert.equal(out.records, [{ id: 1, at: 12, _tickets_id: 7 }]);
  assert.is(out.stop, false);
});

test("a record failing its schema fails the page when the load cannot quarantine", () => {
  assert.throws(
    () => pageRecords({ resource, steps: (r) => [r], writer: null }, page([{ id: "x", at: 1 }]), { id: 7 }, undefined),
    (error: unknown) => error instanceof RecordValidationError && /record 0 of page 1/.test(error.message),
  );
});

test("a missing include_from_parent field names the parent and its fields", () => {
  assert.throws(
    () => pageRecords({ resource, steps: (r) => [r], writer: null }, page([{ id: 1, at: 1 }]), { name: "n" }, undefined),
    /include_from_parent field `id` is missing from the tickets record; its fields: name/,
  );
});

test.run();
