// Write dispositions in the config: dlt's names and forms resolved into the table spec, and every
// invalid combination a config error at its path.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadModel } from "../../../generator/input/from-text.ts";
import { ConfigError } from "../../../runtime/errors.ts";

function config(resource: Record<string, unknown>): string {
  return JSON.stringify({
    name: "x",
    client: { base_url: "http://h" },
    resources: [{ name: "r", endpoint: { path: "/r", data_selector: "$", paginator: "single_page" }, ...resource }],
  });
}

function tableOf(resource: Record<string, unknown>) {
  return loadModel(config(resource), "x.json").resources[0]?.table;
}

function issuesOf(resource: Record<string, unknown>): string[] {
  try {
    loadModel(config(resource), "x.json");
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  assert.unreachable("config was accepted");
  return [];
}

test("strings and objects: skip, plain merge, each strategy with merge_key, hard_delete and dedup_sort", () => {
  assert.equal(tableOf({ write_disposition: "skip" })?.writeDisposition, "skip");
  const plain = tableOf({ primary_key: "id", write_disposition: { disposition: "merge" } });
  assert.equal([plain?.writeDisposition, plain?.merge], ["merge", undefined]);
  assert.equal(tableOf({ write_disposition: { disposition: "replace", strategy: "insert-from-staging" } })?.writeDisposition, "replace");
  const full = tableOf({
    primary_key: ["id"],
    merge_key: "Day",
    write_disposition: { disposition: "merge", strategy: "delete-insert" },
    columns: { Day: { data_type: "date" }, isDeleted: { hard_delete: true }, updatedAt: { dedup_sort: "desc" } },
  });
  assert.equal(full?.merge, { strategy: "delete-insert", mergeKey: ["day"], hardDelete: "is_deleted", dedupSort: { column: "updated_at", order: "desc" } });
  assert.equal(tableOf({ primary_key: "id", write_disposition: { disposition: "merge", strategy: "upsert" } })?.merge, { strategy: "upsert" });
  assert.equal(tableOf({ primary_key: "id", write_disposition: { disposition: "merge", strategy: "insert-only" } })?.merge, { strategy: "insert-only" });
});

test("scd2: dlt's options resolved with destination names, no primary key needed, merge_key allowed", () => {
  assert.equal(tableOf({ write_disposition: { disposition: "merge", strategy: "scd2" } })?.merge, { strategy: "scd2" });
  const full = tableOf({
    merge_key: ["Region", "code"],
    columns: { Region: {}, code: {}, gone: { hard_delete: true } },
    write_disposition: {
      disposition: "merge",
      strategy: "scd2",
      validity_column_names: ["From", "To"],
      active_record_timestamp: "9999-12-31",
      boundary_timestamp: "2024-08-21T12:15:00+00:00",
      row_version_column_name: "rowHash",
    },
  });
  assert.equal(full?.merge, {
    strategy: "scd2",
    mergeKey: ["region", "code"],
    hardDelete: "gone",
    scd2: {
      validFrom: "from",
      validTo: "to",
      activeRecordTimestamp: "9999-12-31",
      boundaryTimestamp: "2024-08-21T12:15:00+00:00",
      rowVersionColumn: "row_hash",
    },
  });
});

test("scd2: contradictory settings are config errors with paths", () => {
  const scd2 = (extra: Record<string, unknown> = {}) => ({ disposition: "merge", strategy: "scd2", ...extra });
  assert.equal(issuesOf({ write_disposition: scd2({ missing: "delete" }) }), [
    "resources[0].write_disposition.missing: scd2 retires the records a complete extract lacks itself; missing applies to the other strategies",
  ]);
  assert.equal(issuesOf({ write_disposition: scd2(), columns: { at: { dedup_sort: "desc" } } }), [
    "resources[0].columns: dedup_sort chooses among rows of one primary key; scd2 keeps every distinct version (one row per row hash), so it has no use for it",
  ]);
  const incremental = { path: "/r", data_selector: "$", paginator: "single_page", incremental: { cursor_path: "updated_at", initial_value: "2024" } };
  assert.equal(issuesOf({ endpoint: incremental, write_disposition: scd2() }), [
    "resources[0].merge_key: an incremental scd2 resource needs a merge_key (the natural key, or a partition column): without one, every record absent from the increment would be retired",
  ]);
  assert.equal(issuesOf({ write_disposition: scd2({ active_record_timestamp: "tomorrow", boundary_timestamp: "2024-13" }) }), [
    'resources[0].write_disposition.active_record_timestamp: expected an ISO date or timestamp such as "9999-12-31" or "2024-08-21T12:15:00+00:00", found "tomorrow"',
    'resources[0].write_disposition.boundary_timestamp: expected an ISO date or timestamp such as "9999-12-31" or "2024-08-21T12:15:00+00:00", found "2024-13"',
  ]);
  assert.equal(issuesOf({ write_disposition: scd2({ validity_column_names: ["a", "A"] }), columns: { a: {} } }), [
    'resources[0].write_disposition.validity_column_names: the two validity columns must differ, both are "a"',
    'resources[0].write_disposition.validity_column_names: validity column "a" is also a column of the record; scd2 writes it itself',
  ]);
});

test("invalid combinations are config errors with paths", () => {
  assert.equal(issuesOf({ merge_key: "id", columns: { gone: { hard_delete: true }, at: { dedup_sort: "asc" } } }), [
    'resources[0].merge_key: merge_key needs write_disposition "merge", found "append"',
    'resources[0].columns.gone.hard_delete: hard_delete needs write_disposition "merge", found "append"',
    'resources[0].columns.at.dedup_sort: dedup_sort needs write_disposition "merge", found "append"',
  ]);
  assert.equal(issuesOf({ write_disposition: { disposition: "merge", strategy: "upsert", validity_column_names: ["a", "b"] }, primary_key: "id" }), [
    'resources[0].write_disposition.validity_column_names: validity_column_names is an scd2 option; strategy is "upsert"',
  ]);
  assert.equal(issuesOf({ primary_key: "id", merge_key: "day", write_disposition: "merge" }), [
    'resources[0].merge_key: merge_key column "day" is neither a primary_key column nor declared in columns',
  ]);
  assert.equal(issuesOf({ primary_key: "id", merge_key: "id", write_disposition: { disposition: "merge", strategy: "upsert" } }), [
    'resources[0].merge_key: merge_key applies to the delete-insert strategy (and scd2), not "upsert"',
  ]);
  assert.equal(issuesOf({ primary_key: "id", write_disposition: "merge", columns: { a: { dedup_sort: "asc" }, b: { dedup_sort: "desc" } } }), [
    "resources[0].columns: dedup_sort is set on 2 columns (a, b); one column chooses the winner",
  ]);
  assert.equal(issuesOf({ primary_key: "id", write_disposition: "merge", columns: { "meta.deleted": { hard_delete: true } } }), [
    'resources[0].columns.meta.deleted: "meta.deleted" is a nested field; merge hints apply to a top-level field of the record',
  ]);
  const incremental = { path: "/r", data_selector: "$", paginator: "single_page", incremental: { cursor_path: "updated_at", initial_value: "2024" } };
  assert.equal(issuesOf({ primary_key: "id", endpoint: incremental, write_disposition: { disposition: "merge", missing: "soft_delete" } }), [
    "resources[0].write_disposition.missing: missing needs a full extract every run; this resource is incremental, so an absent record was not necessarily deleted",
  ]);
  assert.equal(issuesOf({ write_disposition: { disposition: "merge", strategy: "upsert" } }), [
    'resources[0].write_disposition: write_disposition "merge" needs a primary_key',
  ]);
  assert.ok(issuesOf({ write_disposition: { disposition: "merge", strategy: "nope" }, primary_key: "id" })[0]?.startsWith("resources[0].write_disposition"));
});

test.run();
