// The CLI's conventions: --version, help per command, and "did you mean" for a mistyped command or flag.
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { UsageError } from "../../../runtime/errors.ts";
import { COMMAND_OPTIONS, parseCommand } from "../../../generator/cli/args.ts";
import { closest, COMMAND_HELP, commandHelp } from "../../../generator/cli/help.ts";
import { runCli } from "../../helpers/cli.ts";

function usageError(argv: string[]): string {
  try {
    parseCommand(argv);
  } catch (error) {
    assert.instance(error, UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(" ")} parsed without an error`);
}

test("help per command: `<command> --help`, `-h`, `help <command>`; the bare forms give the general help", () => {
  for (const argv of [
    ["sync", "--help"],
    ["sync", "generated/x", "-h"],
    ["help", "sync"],
  ])
    assert.equal(parseCommand(argv), { kind: "help", topic: "sync" }, argv.join(" "));
  assert.equal(parseCommand(["init", "spec.yaml", "--help"]), { kind: "help", topic: "init" });
  assert.equal(parseCommand(["configs/a.json", "--help"]), { kind: "help", topic: "generate" });
  for (const argv of [[], ["--help"], ["-h"], ["help"]]) assert.equal(parseCommand(argv), { kind: "help", topic: undefined });
  assert.match(usageError(["help", "sink"]), /no help on "sink": commands are check, init, preview, schema, sync/);
});

test("init: --force, --include (repeatable), --name", () => {
  assert.equal(parseCommand(["init", "spec.yaml", "--force", "--include", "/a", "--include", "/b"]), {
    kind: "init",
    spec: "spec.yaml",
    out: undefined,
    include: ["/a", "/b"],
    name: undefined,
    force: true,
  });
  assert.equal(parseCommand(["init", "spec.yaml", "--out", "c.yaml"]), {
    kind: "init",
    spec: "spec.yaml",
    out: "c.yaml",
    include: [],
    name: undefined,
    force: false,
  });
  assert.match(usageError(["init", "spec.yaml", "--froce"]), /did you mean --force\?/);
  assert.match(commandHelp("init"), /Over an existing config, init merges and never drops an edit/);
});

test("--version, -v and version", () => {
  for (const argv of [["--version"], ["-v"], ["version"]]) assert.equal(parseCommand(argv), { kind: "version" });
});

test("each command's help describes exactly the flags its parser accepts", () => {
  for (const topic of Object.keys(COMMAND_HELP) as (keyof typeof COMMAND_HELP)[]) {
    const described = COMMAND_HELP[topic].flags.map(([flag]) => flag.split(" ")[0]);
    assert.equal(
      described,
      Object.keys(COMMAND_OPTIONS[topic]).map((name) => `--${name}`),
      topic,
    );
    assert.ok(commandHelp(topic).startsWith(`usage: ${COMMAND_HELP[topic].usage}`));
  }
  assert.match(commandHelp("sync"), /\n {2}--destination URL {2,}duckdb:<path>/);
});

test("a mistyped flag or command names the nearest one; a far one is only refused", () => {
  assert.match(
    usageError(["sync", "dir", "--destinaton", "duckdb:x"]),
    /^Unknown option '--destinaton' \(did you mean --destination\?\)\nusage: gen-connector sync /,
  );
  assert.match(usageError(["init", "spec.yaml", "--nmae", "x"]), /did you mean --name\?/);
  assert.not.match(usageError(["sync", "dir", "--zzz"]), /did you mean/);
  assert.match(usageError(["synk", "generated/x"]), /^unknown command "synk" \(did you mean sync\?\)/);
  assert.match(usageError(["chek", "configs/a.json"]), /did you mean check\?/);
  // A file name is a config, never a mistyped command.
  assert.equal(parseCommand(["sync.json"]), { kind: "generate", configs: ["sync.json"], out: undefined });
});

test("closest: within two edits and under half the word, the nearest wins", () => {
  assert.is(closest("--destinaton", ["--destination", "--dataset"]), "--destination");
  assert.is(closest("ini", ["init", "sync"]), "init");
  assert.is(closest("xy", ["init", "sync"]), undefined);
  assert.is(closest("snyc", ["sync", "schema"]), "sync");
  assert.is(closest("banana", ["sync", "schema", "check"]), undefined);
});

test("CLI: --version prints the package's version; sync --help prints its flags; exit 0", async () => {
  const manifest = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  const version = await runCli(["--version"]);
  assert.is(version.code, 0, version.stderr);
  assert.is(version.stdout, `${manifest.version}\n`);
  const help = await runCli(["sync", "--help"]);
  assert.is(help.code, 0, help.stderr);
  assert.match(help.stdout, /^usage: gen-connector sync <generated dir>/);
  assert.match(help.stdout, /--destination URL {2,}duckdb:<path>/);
  const typo = await runCli(["synk", "generated/customer_support"]);
  assert.is(typo.code, 2);
  assert.match(typo.stderr, /unknown command "synk" \(did you mean sync\?\)/);
});

test.run();
