// types.ts of every list endpoint of the real third-party specs (../shared/openapi, never copied
// here; skipped when absent), as `gen-connector init <spec>` then generation make it: each compiles
// on its own under a plain `tsc --strict --module nodenext --moduleResolution nodenext`, and
// nothing in them had to fall back.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { generateConnector } from "../../../../generator/generate.ts";
import { modelFromConfig } from "../../../../generator/model/from-config.ts";
import { initConfig } from "../../../../generator/init/index.ts";
import { readSpec } from "../../../../generator/cli/read-spec.ts";
import { ROOT } from "../../../helpers/cli.ts";
import { plainTscErrors } from "../../plain-tsc.ts";

const test = suite("openapi: types.ts of real specs under plain strict tsc");
const DIR = join(ROOT, "../shared/openapi");
const OUT = "configs/real_spec.json";
const FILES = ["front.json", "intercom.yaml", "asana.yaml", "stripe.yaml"];

const present = FILES.filter((file) => existsSync(join(DIR, file)));
const types: Record<string, string>[] = [];

for (const file of FILES.filter((f) => !present.includes(f))) test.skip(`${file} (not in ../shared/openapi)`, () => {});

for (const file of present) {
  test(`${file}: every list endpoint generates, with a response type each and no types.ts fallback`, () => {
    const spec = readSpec(join(DIR, file));
    const { config } = initConfig(spec, { openapi: `../${spec.source}`, out: OUT });
    const generated = generateConnector(
      modelFromConfig(config, OUT, () => spec),
      { source: OUT },
    );
    const text = generated.files.find((f) => f.path === "types.ts")!.content;
    const resources = (config["resources"] as unknown[]).length;
    assert.is(text.match(/^export type \w+Response = paths\[/gm)?.length, resources);
    assert.equal(
      generated.warnings.filter((w) => w.includes("types.ts")),
      [],
    );
    types.push({ "types.ts": text });
  });
}

test("each types.ts compiles alone under plain strict tsc", () => {
  assert.is(types.length, present.length);
  assert.equal(plainTscErrors(types), []);
});

test.run();
