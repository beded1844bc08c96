// `preview`'s arguments: its flags, limits (0: none) and the errors for bad ones.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseCommand } from "../../../generator/cli/args.ts";
import { UsageError } from "../../../runtime/errors.ts";

test("preview: target, repeated --resource, limits (0 means none), --base-url, --json, repeated --param", () => {
  assert.equal(
    parseCommand([
      "preview",
      "configs/a.json",
      "--resource",
      "x",
      "--resource",
      "y",
      "--max-pages",
      "0",
      "--max-records",
      "7",
      "--base-url",
      "http://h",
      "--json",
      "--write-columns",
      "--record",
      "fx",
      "--param",
      "subdomain=acme",
      "--param",
      "q=a=b",
    ]),
    {
      kind: "preview",
      target: "configs/a.json",
      resources: ["x", "y"],
      maxPages: null,
      maxRecords: 7,
      baseUrl: "http://h",
      json: true,
      writeColumns: true,
      record: "fx",
      params: { subdomain: "acme", q: "a=b" },
    },
  );
  assert.equal(parseCommand(["preview", "generated/a"]), {
    kind: "preview",
    target: "generated/a",
    resources: [],
    maxPages: undefined,
    maxRecords: undefined,
    baseUrl: undefined,
    json: false,
    writeColumns: false,
    record: undefined,
    params: {},
  });
});

test("preview: bad limits, no target, an unknown flag", () => {
  for (const [argv, message] of [
    [["preview", "a.json", "--max-pages", "1.5"], /--max-pages expects a whole number \(0: no limit\), got "1.5"/],
    [["preview", "a.json", "--max-records", "x"], /--max-records expects a whole number/],
    [["preview"], /preview takes exactly one config or generated connector directory, got 0/],
    [["preview", "a.json", "--max-page", "2"], /did you mean --max-pages\?/],
    [["preview", "a.json", "--param", "subdomain"], /--param expects name=value/],
    [["preview", "a.json", "--param", "a=1", "--param", "a=2"], /--param a is given twice/],
  ] as const) {
    assert.throws(
      () => parseCommand([...argv]),
      (error: unknown) => error instanceof UsageError && message.test(error.message),
      argv.join(" "),
    );
  }
});

test.run();
