// Standalone reproduction, DuckDB alone: does a SIGKILL shortly after COMMIT tear a transaction that
// inserted into two large tables? A child process opens the database and, in one transaction, inserts
// a marker row into `m`, deletes half of `d`, inserts `read_csv` rows into `a` (n rows) and `b` (2n),
// a second marker into `m` and updates `u`; it prints "commit" and issues COMMIT. The parent SIGKILLs it
// `delay` ms after that line, reopens the database and checks both-or-neither.
//
//   npx tsx bench/duckdb-tear.ts [rows=1000000] [trials=8] [delays=0,10,20,30,40,60,80,120] [SETTING=value ...]
// Settings (e.g. memory_limit=128MB enable_optimistic_write=false) are passed to the child's
// DuckDBInstance.create; PAUSE_MS=n makes the child wait n ms before COMMIT (a kill inside the open
// transaction: always old, measured). One line per trial, then a summary: old (a and b empty), new (both full), torn.
// On DuckDB 1.5.6 (Dec 2026, this repository's machine) torn trials came back with b's rows and none of
// a's, or with a and b but without the markers, the delete and the update: a transaction never
// acknowledged, partly replayed from its WAL.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

const CHILD = "child";

if (process.argv[2] === CHILD)
  await child(process.argv[3] as string, process.argv[4] as string, JSON.parse(process.argv[5] as string) as Record<string, string>);
else await parent();

/** Inserts the CSV's rows into `a` then `b` in one transaction; says "commit" just before COMMIT. */
async function child(db: string, csv: string, settings: Record<string, string>): Promise<void> {
  const instance = await DuckDBInstance.create(db, settings);
  const conn = await instance.connect();
  await conn.run("CREATE TABLE IF NOT EXISTS a (id BIGINT, name VARCHAR, payload VARCHAR)");
  await conn.run("CREATE TABLE IF NOT EXISTS b (id BIGINT, parent BIGINT, idx BIGINT, value VARCHAR)");
  await conn.run("CREATE TABLE IF NOT EXISTS m (step VARCHAR)");
  await conn.run("CREATE TABLE IF NOT EXISTS d AS SELECT range AS id FROM range(1000)");
  await conn.run("CREATE TABLE IF NOT EXISTS u AS SELECT 'running' AS status");
  await conn.run("BEGIN TRANSACTION");
  await conn.run("INSERT INTO m VALUES ('first')");
  await conn.run("DELETE FROM d WHERE id < 500");
  const read = `read_csv('${csv}', header = true, columns = {'id': 'BIGINT', 'name': 'VARCHAR', 'payload': 'VARCHAR'})`;
  await conn.run(`INSERT INTO a SELECT * FROM ${read}`);
  await conn.run(`INSERT INTO b SELECT id * 2 + i, id, i, payload FROM ${read}, range(2) AS r(i)`);
  await conn.run("INSERT INTO m VALUES ('last')");
  await conn.run("UPDATE u SET status = 'completed'");
  process.stdout.write("commit\n");
  // PAUSE_MS: wait before COMMIT, so a kill lands inside the open transaction instead.
  await new Promise((r) => setTimeout(r, Number(process.env.PAUSE_MS ?? 0)));
  await conn.run("COMMIT");
  process.stdout.write("committed\n");
  await new Promise((r) => setTimeout(r, 60_000)); // wait to be killed
}

async function parent(): Promise<void> {
  const [rowsArg, trialsArg, delaysArg, ...rest] = process.argv.slice(2);
  const rows = Number(rowsArg ?? 1_000_000);
  const trials = Number(trialsArg ?? 8);
  const delays = (delaysArg ?? "0,10,20,30,40,60,80,120").split(",").map(Number);
  const settings = Object.fromEntries(rest.map((s) => s.split("=") as [string, string]));
  const dir = mkdtempSync(join(tmpdir(), "duckdb-tear-"));
  const csv = join(dir, "rows.csv");
  writeFileSync(csv, `id,name,payload\n${Array.from({ length: rows }, (_, i) => `${i},name ${i},payload-${i}-${"x".repeat(i % 40)}`).join("\n")}\n`);
  const version = (await (await (await DuckDBInstance.create(":memory:")).connect()).runAndReadAll("SELECT version()")).getRows()[0]?.[0];
  process.stdout.write(`DuckDB ${String(version)}, ${rows} rows into a and ${2 * rows} into b, settings ${JSON.stringify(settings)}\n`);
  const tally = { torn: 0, old: 0, new: 0, other: 0 };
  for (let t = 0; t < trials; t += 1) {
    for (const delay of delays) {
      const db = join(dir, `t${t}-${delay}.duckdb`);
      const outcome = await trial(db, csv, delay, settings);
      const small = outcome.note.includes("m=first,last d=500 u=completed") ? "new" : outcome.note.includes("m=null d=1000 u=running") ? "old" : "mixed";
      const big = outcome.a === 0 && outcome.b === 0 ? "old" : outcome.a === rows && outcome.b === 2 * rows ? "new" : "mixed";
      const kind = outcome.a === -1 ? "other" : small === big && small !== "mixed" ? small : "torn";
      tally[kind] += 1;
      process.stdout.write(`trial ${t} delay ${delay} ms: a=${outcome.a} b=${outcome.b} ${kind}${outcome.note}\n`);
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
    }
  }
  process.stdout.write(`summary: ${JSON.stringify(tally)}\n`);
  rmSync(dir, { recursive: true, force: true });
}

async function trial(db: string, csv: string, delay: number, settings: Record<string, string>): Promise<{ a: number; b: number; note: string }> {
  const proc = spawn(process.execPath, ["--import", "tsx", import.meta.filename, CHILD, db, csv, JSON.stringify(settings)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let note = "";
  const exited = new Promise<void>((resolve) => proc.on("exit", () => resolve()));
  await new Promise<void>((resolve) => {
    proc.stdout.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes("commit\n") && !note.includes("issued")) {
        note += " (issued)";
        setTimeout(() => {
          proc.kill("SIGKILL");
          resolve();
        }, delay);
      }
      if (text.includes("committed")) note += " (returned before kill)";
    });
    proc.on("exit", () => resolve());
  });
  await exited;
  note = note.replace(" (issued)", "");
  const walNote = `db=${size(db)} wal=${size(`${db}.wal`)}`;
  try {
    const instance = await DuckDBInstance.create(db);
    const conn = await instance.connect();
    const count = async (t: string) => Number((await conn.runAndReadAll(`SELECT count(*) FROM ${t}`)).getRows()[0]?.[0]);
    const markers = (await conn.runAndReadAll("SELECT string_agg(step, ',' ORDER BY step) FROM m")).getRows()[0]?.[0];
    const status = (await conn.runAndReadAll("SELECT status FROM u")).getRows()[0]?.[0];
    const result = { a: await count("a"), b: await count("b"), note: `${note} m=${String(markers)} d=${await count("d")} u=${String(status)} ${walNote}` };
    conn.closeSync();
    instance.closeSync();
    return result;
  } catch (error) {
    return { a: -1, b: -1, note: ` reopen failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function size(file: string): string {
  return existsSync(file) ? `${Math.round(statSync(file).size / 1024)}K` : "none";
}
