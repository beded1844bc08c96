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
