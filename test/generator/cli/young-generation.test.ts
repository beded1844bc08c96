// When a sync replaces its process to get a large machine's young generation: with less than 4 GiB to
// use and no semi-space of the user's (on node's command line or in NODE_OPTIONS, either spelling);
// the new command line is the old one with the flag first, node's own flags and the script kept.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { SYNC_SEMI_SPACE_MB, type ProcessView, youngGenerationRestart } from "../../../generator/cli/young-generation.ts";

const GiB = 1024 ** 3;
const view = (over: Partial<ProcessView>): ProcessView => ({
  memory: 256 * 1024 ** 2,
  execPath: "/usr/bin/node",
  execArgv: [],
  argv: ["/usr/bin/node", "/p/bin/gen-connector.js", "sync", "customer_support", "--destination", "duckdb:x.duckdb"],
  nodeOptions: undefined,
  ...over,
});

test("a 256 MiB container: the same command with the sync's semi-space first", () => {
  assert.equal(youngGenerationRestart(view({ execArgv: ["--enable-source-maps"] })), {
    file: "/usr/bin/node",
    args: [
      "/usr/bin/node",
      `--max-semi-space-size=${SYNC_SEMI_SPACE_MB}`,
      "--enable-source-maps",
      "/p/bin/gen-connector.js",
      "sync",
      "customer_support",
      "--destination",
      "duckdb:x.duckdb",
    ],
  });
});

const NO_RESTART: readonly [string, Partial<ProcessView>][] = [
  ["4 GiB to use", { memory: 4 * GiB }],
  ["a large machine", { memory: 24 * GiB }],
  ["memory unknown (0)", { memory: 0 }],
  ["the user's semi-space on node's command line", { execArgv: ["--max-semi-space-size=4"] }],
  ["the same with underscores", { execArgv: ["--max_semi_space_size=4"] }],
  ["the user's semi-space in NODE_OPTIONS", { nodeOptions: "--enable-source-maps --max-semi-space-size 8" }],
  ["the restarted process itself", { execArgv: [`--max-semi-space-size=${SYNC_SEMI_SPACE_MB}`] }],
];
for (const [name, over] of NO_RESTART) {
  test(`no restart: ${name}`, () => assert.is(youngGenerationRestart(view(over)), null));
}

test("just under 4 GiB restarts; an unrelated NODE_OPTIONS flag does not stop it", () => {
  assert.ok(youngGenerationRestart(view({ memory: 4 * GiB - 1, nodeOptions: "--max-old-space-size=200" })));
});

test.run();
