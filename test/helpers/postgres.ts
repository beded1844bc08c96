// A Postgres server for tests: GC_TEST_POSTGRES_URL when set, else a throwaway cluster started once per
// test process from the local binaries (stopped at exit), else null with the reason on stderr.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openPostgres, type PostgresDestination } from "../../runtime/destinations/postgres/index.ts";

let server: Promise<string | null> | undefined;
let databases = 0;
const created: string[] = [];

/** The server's admin URL (database `postgres`), or null when no server can be had (reason printed once). */
export function postgresServer(): Promise<string | null> {
  server ??= locate();
  return server;
}

/** A fresh, empty database on the test server and its URL; null when there is no server. Dropped at exit. */
export async function freshDatabase(): Promise<string | null> {
  const admin = await postgresServer();
  if (admin === null) return null;
  const name = `gc_test_${process.pid}_${++databases}`;
  await withClient(admin, (c) => c.query(`CREATE DATABASE ${name}`));
  created.push(name);
  return withDatabase(admin, name);
}

/** `url` pointing at database `name` instead. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `body` with a connected client on `url`, closing it afterwards. */
export async function withClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

async function locate(): Promise<string | null> {
  const given = process.env["GC_TEST_POSTGRES_URL"];
  if (given !== undefined && given !== "") {
    dropCreatedAtExit(given);
    return given;
  }
  const bin = binDir();
  if (bin === null) return skip("GC_TEST_POSTGRES_URL is unset and no /usr/lib/postgresql/*/bin/initdb was found");
  try {
    return await startCluster(bin);
  } catch (error) {
    return skip(`starting a throwaway cluster from ${bin} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function skip(reason: string): null {
  process.stderr.write(`\n[postgres tests skipped] ${reason}\n`);
  return null;
}

/** The newest installed server's bin directory. */
function binDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], "bin");
}

/** A cluster of the caller's own (not the shared test server), for tests that restart it; null when none can be started. */
export async function privateCluster(): Promise<{ readonly url: string; restart(downMs: number): Promise<void> } | null> {
  const bin = binDir();
  return bin === null ? null : startServer(bin);
}

/** initdb + pg_ctl start on a free port, as the `postgres` OS user when we are root; stopped at exit. */
async function startCluster(bin: string): Promise<string> {
  return (await startServer(bin)).url;
}

async function startServer(bin: string): Promise<{ readonly url: string; restart(downMs: number): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "gc-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", join(bin, tool), ...args]] : [join(bin, tool), args];
    const result = spawnSync(cmd as string, argv as string[], { encoding: "utf8", timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${tool} exited ${result.status}: ${result.stderr || result.stdout}`);
  };
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "-o", options, "start"]);
  process.once("exit", () => {
    const stop = ["-D", data, "-m", "immediate", "stop"];
    if (asRoot) spawnSync("runuser", ["-u", "postgres", "--", join(bin, "pg_ctl"), ...stop]);
    else spawnSync(join(bin, "pg_ctl"), stop);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    // A fast shutdown (open connections terminated with 57P01), `downMs` without a server, then a start on the same port.
    restart: async (downMs) => {
      run("pg_ctl", ["-D", data, "-w", "-m", "fast", "stop"]);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      run("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "-o", options, "start"]);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** On an external server, drops the databases this process created once the tests are done. */
function dropCreatedAtExit(admin: string): void {
  let done = false;
  process.on("beforeExit", () => {
    if (done || created.length === 0) return;
    done = true;
    void withClient(admin, async (c) => {
      for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }).catch(() => undefined);
  });
}

/** Destinations opened by the current test, closed after it whatever happens (an open one would keep the process alive). */
const opened = new Set<PostgresDestination>();

/** Opens `url` and closes it after the current `pgTest`. */
export async function openTracked(url: string): Promise<PostgresDestination> {
  const dest = await openPostgres(url);
  opened.add(dest);
  return dest;
}

/** A destination on a fresh database, closed after the current `pgTest`; throws when there is no server (use `pgTests`). */
export async function openFresh(): Promise<PostgresDestination> {
  const url = await freshDatabase();
  if (url === null) throw new Error("no Postgres server for this test");
  return openTracked(url);
}

type Register = (name: string, body: () => Promise<void>) => void;

/** `test` for Postgres tests: skipped when no server can be had; closes the test's destinations afterwards. */
export async function pgTests(test: Register & { skip: Register }): Promise<Register> {
  if ((await postgresServer()) === null) return test.skip;
  return (name, body) =>
    test(name, async () => {
      try {
        await body();
      } finally {
        const all = [...opened];
        opened.clear();
        await Promise.all(all.map((d) => d.close()));
      }
    });
}
