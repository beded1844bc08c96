// Running init on small in-memory specs and reading the resulting resources.
import * as assert from "uvu/assert";
import { initConfig, type InitResult } from "../../../generator/init/index.ts";
import { doc, loadFiles } from "../openapi/spec/support.ts";

export type Json = Record<string, any>; // any: tests read the written config freely

/** A GET whose 200 response is JSON `schema`, with these query (or other) parameters. */
export function get(schema: object, parameters: object[] = [], extra: object = {}): object {
  return { get: { parameters, responses: { "200": { description: "ok", content: { "application/json": { schema } } } }, ...extra } };
}

export const q = (name: string, schema: object = { type: "string" }, extra: object = {}) => ({ name, in: "query", schema, ...extra });
export const item = { type: "object", properties: { id: { type: "string" }, name: { type: "string" } }, required: ["id"] };
export const envelope = (props: object) => ({ type: "object", properties: { data: { type: "array", items: item }, ...props } });

/** init on a spec with these paths (servers and security can be set through `extra`). */
export function initOf(paths: object, extra: object = {}, options: { include?: string[]; name?: string } = {}): InitResult {
  const spec = loadFiles({ "openapi.json": doc(paths, { servers: [{ url: "https://api.example.com" }], ...extra }) }, "openapi.json");
  return initConfig(spec, { openapi: "openapi.json", out: "configs/t.json", ...options });
}

export function resources(result: InitResult): Json[] {
  return result.config.resources as Json[];
}

/** The resource named `name`. */
export function resource(result: InitResult, name: string): Json {
  const found = resources(result).find((r) => r.name === name);
  assert.ok(
    found,
    `no resource ${name} among ${resources(result)
      .map((r) => r.name)
      .join(", ")}`,
  );
  return found;
}

/** A paginator without its `$comment`. */
export function paginatorOf(r: Json): Json {
  const { $comment: _comment, ...rest } = r.endpoint.paginator;
  return rest;
}
