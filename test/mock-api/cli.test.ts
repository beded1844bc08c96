// The CLI as a separate process (URL first on stdout, exits on SIGTERM) and the raw-fetch benchmark baseline.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function run(script: string, args: string[]): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
}

async function firstLine(stream: Readable): Promise<string> {
  let text = "";
  for await (const chunk of stream) {
    text += String(chunk);
    const newline = text.indexOf("\n");
    if (newline >= 0) return text.slice(0, newline);
  }
  return text;
}

async function output(child: ChildProcessByStdio<null, Readable, Readable>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += String(chunk)));
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

test("cli: prints the URL first, serves, exits 0 on SIGTERM; raw-fetch counts every record", async () => {
  const server = run("test/mock-api/cli.ts", ["--records", "1234", "--port", "0"]);
  try {
    const url = await firstLine(server.stdout);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const body = (await (await fetch(`${url}/v1/resource?offset=1200`)).json()) as { total: number; data: unknown[] };
    assert.is(body.total, 1234);
    assert.is(body.data.length, 34);

    const bench = await output(run("bench/raw-fetch.ts", [url, "1234", "100"]));
    assert.is(bench.code, 0, bench.stderr);
    const lines = bench.stdout.trim().split("\n");
    assert.is(lines.length, 1);
    const result = JSON.parse(lines[0] ?? "") as { records: number; pages: number; seconds: number };
    assert.is(result.records, 1234);
    assert.is(result.pages, 13);
    assert.type(result.seconds, "number");
  } finally {
    server.kill("SIGTERM");
  }
  const [code, signal] = (await once(server, "exit")) as [number | null, string | null];
  assert.is(code, 0);
  assert.is(signal, null);
});

test("cli: bad arguments exit 2", async () => {
  const result = await output(run("test/mock-api/cli.ts", ["--pagination", "sideways"]));
  assert.is(result.code, 2);
  assert.match(result.stderr, /unknown --pagination/);
});

test("raw-fetch: usage error exits 2", async () => {
  const result = await output(run("bench/raw-fetch.ts", []));
  assert.is(result.code, 2);
  assert.match(result.stderr, /usage/);
});

test.run();
