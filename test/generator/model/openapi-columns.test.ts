// Loader column types from the record schema's top-level properties; the config's columns win.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { config, listing, modelOf, openapi, ref } from "../connector-support.ts";

const test = suite("openapi: record → columns");

const Record = {
  type: "object",
  required: ["id", "name", "count"],
  properties: {
    id: { type: "integer", format: "int64" },
    name: { type: "string" },
    count: { type: "integer", format: "int32" },
    ratio: { type: "number", format: "float" },
    active: { type: "boolean" },
    created: { type: "string", format: "date-time" },
    day: { type: "string", format: "date" },
    email: { type: "string", format: "email" },
    state: { enum: ["a", "b"] },
    level: { type: "integer", enum: [1, 2, 3] },
    nullable31: { type: ["string", "null"] },
    nullable30: { type: "string", nullable: true },
    viaRef: ref("Amount"),
    wrapped: { allOf: [ref("Amount")], description: "one member" },
    nested: { type: "object", properties: { a: { type: "string" } } },
    list: { type: "array", items: { type: "string" } },
    either: { oneOf: [{ type: "string" }, { type: "integer" }] },
    mixed: { type: ["string", "integer"] },
    secret: { type: "string", writeOnly: true },
    anything: {},
  },
};

function columns(resource: Record<string, unknown>, schema: unknown = ref("Record")): string[] {
  const spec = openapi(
    { "/r": listing({ type: "array", items: schema }) },
    { Record, Amount: { type: "number" }, Base: { type: "object", properties: { id: { type: "string" }, kind: { type: "string" } } } },
  );
  const [model] = modelOf(config([{ name: "r", endpoint: { path: "/r" }, ...resource }]), spec).resources;
  return model!.table.columns.map((c) => `${c.name} ${c.dataType}${c.nullable ? "" : " not null"}`);
}

test("scalars are typed from the spec; objects, arrays, unions and unknowns are left to the runtime", () => {
  assert.equal(columns({}), [
    "id bigint",
    "name text",
    "count bigint",
    "ratio double",
    "active bool",
    "created timestamp",
    "day date",
    "email text",
    "state text",
    "level bigint",
    "nullable31 text",
    "nullable30 text",
    "via_ref double",
    "wrapped double",
  ]);
});

test("only the primary key is not null: required fields may still be missing or null in lenient data", () => {
  assert.equal(columns({ primary_key: "id" }).slice(0, 3), ["id bigint not null", "name text", "count bigint"]);
});

test("config columns win: a data_type replaces the spec's, nullable is kept, unknown fields are added", () => {
  const out = columns({
    primary_key: "id",
    columns: {
      id: { data_type: "text" },
      name: { nullable: false },
      ratio: { data_type: "decimal" },
      extra: { data_type: "json" },
      list: { data_type: "json" },
    },
  });
  assert.equal(out.slice(0, 4), ["id text not null", "name text not null", "count bigint", "ratio decimal"]);
  assert.equal(out.slice(-2), ["extra json", "list json"]);
});

test("allOf members contribute properties; a later member's definition wins", () => {
  const schema = { allOf: [ref("Base"), { type: "object", properties: { id: { type: "integer" }, extra: { type: "boolean" } } }] };
  assert.equal(columns({}, schema), ["id bigint", "kind text", "extra bool"]);
});

test("a map or yield_map step reshapes records: no columns from the spec either", () => {
  assert.equal(columns({ processing_steps: [{ map: { drop: ["name"] } }] }), []);
  assert.equal(columns({ processing_steps: [{ filter: { field: "name", op: "exists" } }] }).length, 14);
});

test.run();
