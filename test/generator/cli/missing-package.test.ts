// Which package a "module not found" error names: ES module and CommonJS wordings, scoped packages and
// subpaths; missing relative files and other errors are not packages.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { missingPackage } from "../../../generator/cli/missing-package.ts";

function failure(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const CASES: readonly [string, unknown, string | undefined][] = [
  ["ESM package", failure("ERR_MODULE_NOT_FOUND", "Cannot find package 'ts-morph' imported from /x/format.js"), "ts-morph"],
  ["ESM subpath", failure("ERR_MODULE_NOT_FOUND", "Cannot find package 'gen-connector' imported from /p/index.ts"), "gen-connector"],
  ["CommonJS subpath", failure("MODULE_NOT_FOUND", "Cannot find module 'gen-connector/runtime'\nRequire stack:\n- /p/schema.ts"), "gen-connector"],
  ["CommonJS scoped", failure("MODULE_NOT_FOUND", "Cannot find module '@duckdb/node-api/lib'"), "@duckdb/node-api"],
  ["missing relative file", failure("MODULE_NOT_FOUND", "Cannot find module './hooks.js'"), undefined],
  ["missing absolute file", failure("ERR_MODULE_NOT_FOUND", "Cannot find module '/p/hooks.js' imported from /p/client.ts"), undefined],
  ["another error", failure("ERR_UNKNOWN_FILE_EXTENSION", 'Unknown file extension ".ts"'), undefined],
  ["not an error", "Cannot find package 'x'", undefined],
];

for (const [name, error, expected] of CASES) {
  test(name, () => assert.is(missingPackage(error), expected));
}

test.run();
