// What generated schemas cannot enforce, and what types.ts cannot type as the spec writes it, is
// said on stderr when generating, located in the spec.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "../../helpers/cli.ts";

const SPEC = `openapi: 3.1.0
info: {title: Warnings, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /tickets:
    get:
      responses:
        "200":
          description: tickets
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Ticket"}}
  /notes:
    get:
      responses:
        "200":
          description: notes
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
                  properties:
                    id: {type: integer}
                    kind: {enum: [plain, {rich: true}]}
components:
  schemas:
    Ticket:
      type: object
      properties:
        id: {type: integer}
        code: {type: file}
`;

test("generating from a spec warns about an unknown type and a non-primitive enum, each located, on every run", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gc-warn-"));
  const spec = join(dir, "warnings.yaml");
  writeFileSync(spec, SPEC);
  for (let run = 0; run < 2; run++) {
    const result = await runCli([spec, "--out", join(dir, "gen")]);
    assert.is(result.code, 0, result.stderr);
    const warnings = result.stderr.split("\n").filter((line) => line.startsWith("warning: ") && line.includes("#/"));
    assert.equal(
      warnings.map((w) => w.slice(w.indexOf(": ", 9) + 2)),
      [
        '#/components/schemas/Ticket/properties/code/type: unknown type "file", accepted as unknown',
        'resource "notes", record schema #/properties/kind/enum: only string, number and boolean values are checked',
      ],
      result.stderr,
    );
  }
});

const TYPES_SPEC = `openapi: 3.1.0
info: {title: Types, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /pets:
    get:
      responses:
        "200":
          description: pets
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
components:
  schemas:
    Cat:
      type: object
      required: [id, kind]
      properties:
        id: {type: integer}
        kind: {type: string}
        tags: {$ref: "#/components/schemas/Cat/required"}
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}]
      discriminator: {propertyName: kind, mapping: {cat: Cat, dog: "#/components/schemas/Dog"}}
`;

test("what types.ts cannot type as the spec writes it is a located warning on stderr", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gc-warn-types-"));
  const spec = join(dir, "types.yaml");
  writeFileSync(spec, TYPES_SPEC);
  const result = await runCli([spec, "--out", join(dir, "gen")]);
  assert.is(result.code, 0, result.stderr);
  const warnings = result.stderr.split("\n").filter((line) => line.startsWith("warning: ") && line.includes("types.ts"));
  assert.equal(
    warnings.map((w) => w.slice(w.indexOf(": ", 9) + 2)),
    [
      '#/components/schemas/Cat/properties/tags: $ref "#/components/schemas/Cat/required" points at no schema (an array); types.ts types it unknown',
      '#/components/schemas/Pet/discriminator/mapping/dog: "#/components/schemas/Dog" points at nothing; types.ts leaves that tag out',
    ],
    result.stderr,
  );
  assert.not.match(result.stderr, /⚠/);
});

test.run();
