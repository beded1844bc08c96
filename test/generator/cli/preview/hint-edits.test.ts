// Column hints written into a config's text in place: in the layout found (one line or many), into an
// object or list of columns, a resource without columns, or one given as its name alone.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyHints, existingHints, planHints } from "../../../../generator/cli/preview/hint-edits.ts";
import { parseLocated } from "../../../../generator/cli/preview/json-positions.ts";
import type { InferredColumn } from "../../../../runtime/preview/infer-columns.ts";

const column = (field: string, dataType: InferredColumn["dataType"], nested: InferredColumn["nested"] = null): InferredColumn => ({
  field,
  dataType,
  kinds: [],
  seen: 1,
  nulls: 0,
  nested,
});
const INFERRED = [column("id", "bigint"), column("name", "text"), column("tags", null, "list"), column("gone", null)];

function edit(text: string): string {
  const config = JSON.parse(text) as { resources: unknown[]; resource_defaults?: unknown };
  const plan = planHints(0, "r", INFERRED, existingHints(config.resources[0], config.resource_defaults));
  const out = applyHints(text, parseLocated(text), [plan]);
  JSON.parse(out);
  return out;
}

test("multi-line columns: new entries on their own lines, at the same indent; a hint without data_type filled in", () => {
  const text = '{\n  "resources": [\n    {\n      "name": "r",\n      "columns": {\n        "id": {}\n      }\n    }\n  ]\n}\n';
  assert.is(
    edit(text),
    '{\n  "resources": [\n    {\n      "name": "r",\n      "columns": {\n        "id": { "data_type": "bigint" },\n        "name": { "data_type": "text" },\n        "tags": {},\n        "gone": { "nullable": true }\n      }\n    }\n  ]\n}\n',
  );
});

test("one-line resource without columns; a list of columns; a resource given by name; defaults' hints count as written", () => {
  assert.is(
    edit('{"resources": [{"name": "r", "endpoint": "r"}]}'),
    '{"resources": [{"name": "r", "endpoint": "r", "columns": { "id": { "data_type": "bigint" }, "name": { "data_type": "text" }, "tags": {}, "gone": { "nullable": true } }}]}',
  );
  assert.is(
    edit('{"resources": [{"name": "r", "columns": [{"name": "id", "data_type": "text"}]}]}'),
    '{"resources": [{"name": "r", "columns": [{"name": "id", "data_type": "text"}, { "name": "name", "data_type": "text" }, { "name": "tags" }, { "name": "gone", "nullable": true }]}]}',
  );
  assert.is(
    edit('{"resources": ["r"]}'),
    '{"resources": [{ "name": "r", "endpoint": "r", "columns": { "id": { "data_type": "bigint" }, "name": { "data_type": "text" }, "tags": {}, "gone": { "nullable": true } } }]}',
  );
  assert.is(
    edit('{"resource_defaults": {"columns": {"id": {"data_type": "text"}, "name": {}, "tags": {}, "gone": {}}}, "resources": ["r"]}'),
    '{"resource_defaults": {"columns": {"id": {"data_type": "text"}, "name": {}, "tags": {}, "gone": {}}}, "resources": ["r"]}',
  );
});

test("a user's data_type is kept and reported", () => {
  const plan = planHints(0, "r", INFERRED, new Map([["id", { hint: { data_type: "text" }, own: true }]]));
  assert.equal(plan.kept, ["kept r.columns.id data_type text; the records suggest bigint"]);
  assert.is(plan.add.length, 3);
});

test.run();
