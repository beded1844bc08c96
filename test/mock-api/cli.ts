// Runs the mock API as its own process: prints its URL as the first stdout line, stops on SIGINT/SIGTERM.
// Usage: tsx test/mock-api/cli.ts [--records N] [--port P] [--host H] [--pagination MODE]
//        [--page-delay-ms MS] [--bearer TOKEN] [--api-key-header NAME=VALUE] [--api-key-query NAME=VALUE]
//        [--basic USER:PASSWORD] [--rate-limit REQUESTS/MS] [--fail-after N]
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { PAGINATION_MODES, type PaginationMode } from "./pagination.ts";
import { startMockApi, type MockApi, type MockApiOptions, type MockAuth } from "./server.ts";

function fail(message: string): never {
  process.stderr.write(`mock-api: ${message}\n`);
  process.exit(2);
}

function integer(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a non-negative integer`);
  return value;
}

function pair(raw: string, separator: string, flag: string): [string, string] {
  const at = raw.indexOf(separator);
  if (at <= 0) fail(`--${flag} expects a${separator}b`);
  return [raw.slice(0, at), raw.slice(at + 1)];
}

/** Turns command-line arguments into server options (exits with status 2 on bad input). */
function optionsFromArgs(args: readonly string[]): MockApiOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      records: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      pagination: { type: "string" },
      "page-delay-ms": { type: "string" },
      bearer: { type: "string" },
      basic: { type: "string" },
      "api-key-header": { type: "string" },
      "api-key-query": { type: "string" },
      "rate-limit": { type: "string" },
      "fail-after": { type: "string" },
    },
  });
  const pagination = values.pagination ?? "offset";
  if (!PAGINATION_MODES.includes(pagination as PaginationMode)) fail(`unknown --pagination ${pagination}`);
  let auth: MockAuth | undefined;
  if (values.bearer !== undefined) auth = { type: "bearer", token: values.bearer };
  if (values.basic !== undefined) {
    const [username, password] = pair(values.basic, ":", "basic");
    auth = { type: "basic", username, password };
  }
  if (values["api-key-header"] !== undefined) {
    const [name, value] = pair(values["api-key-header"], "=", "api-key-header");
    auth = { type: "api_key_header", name, value };
  }
  if (values["api-key-query"] !== undefined) {
    const [name, value] = pair(values["api-key-query"], "=", "api-key-query");
    auth = { type: "api_key_query", name, value };
  }
  return {
    records: integer(values.records, "records", 1000),
    port: integer(values.port, "port", 0),
    host: values.host ?? "127.0.0.1",
    pagination: pagination as PaginationMode,
    pageDelayMs: integer(values["page-delay-ms"], "page-delay-ms", 0),
    auth,
    ...(values["rate-limit"] === undefined ? {} : { rateLimit: rateLimit(values["rate-limit"]) }),
    ...(values["fail-after"] === undefined ? {} : { failAfter: integer(values["fail-after"], "fail-after", 0) }),
  };
}

/** `--rate-limit 50/1000`: 50 requests per 1000 ms. */
function rateLimit(text: string): { requests: number; perMs: number } {
  const [requests, perMs] = pair(text, "/", "rate-limit").map((part) => integer(part, "rate-limit", 0));
  if (requests === undefined || perMs === undefined || requests < 1 || perMs < 1) fail("--rate-limit expects REQUESTS/MS, both positive");
  return { requests: requests as number, perMs: perMs as number };
}

async function main(): Promise<void> {
  const options = optionsFromArgs(process.argv.slice(2));
  let stopping = false;
  let api: MockApi | undefined;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    (api === undefined ? Promise.resolve() : api.close()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  api = await startMockApi(options);
  if (stopping) await api.close();
  else process.stdout.write(`${api.url}\n`);
}

// Only when run as a program: uvu imports every file of this folder when given the folder alone.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) await main();
