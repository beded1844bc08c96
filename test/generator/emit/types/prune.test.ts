// Pruning a spec to what its operations reach: every component on a 50,000-long $ref chain is kept,
// in document order, and what nothing reaches is dropped (a chain that long once took minutes).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { pruneDocument } from "../../../../generator/emit/types/prune.ts";
import type { LoadedSpec, OpenApiDocument } from "../../../../generator/openapi/spec/index.ts";

const LENGTH = 50_000;

test(`a ${LENGTH.toLocaleString("en-US")}-long $ref chain is kept whole, in document order; an unreached schema is dropped`, () => {
  const schemas: Record<string, unknown> = { Unused: { type: "string" } };
  // Declared last to first, so document order is not the order the refs are met in.
  for (let i = LENGTH; i >= 0; i--) schemas[`S${i}`] = i === LENGTH ? { type: "object" } : { $ref: `#/components/schemas/S${i + 1}` };
  const response = { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/S0" } } } };
  const document = {
    openapi: "3.1.0",
    info: { title: "Chain", version: "1" },
    paths: { "/items": { get: { responses: { "200": response } } } },
    components: { schemas },
  };
  const spec: LoadedSpec = { document: document as unknown as OpenApiDocument, source: "chain.json", version: "3.1", files: ["chain.json"] };
  const pruned = pruneDocument(spec, [{ path: "/items", method: "get" }]) as { components: { schemas: Record<string, unknown> } };
  const kept = Object.keys(pruned.components.schemas);
  assert.is(kept.length, LENGTH + 1);
  assert.equal([kept[0], kept[1], kept.at(-1)], [`S${LENGTH}`, `S${LENGTH - 1}`, "S0"]);
});

test.run();
