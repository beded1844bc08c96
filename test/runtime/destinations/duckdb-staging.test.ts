// DuckDB staging spools rows to CSV files read back with read_csv: every value survives the trip,
// columns that appear mid-load start a new file, and no file outlives its load or the database.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Scalar } from "../../../runtime/destinations/destination.ts";
import { encodeRows } from "../../../runtime/destinations/duckdb/csv-rows.ts";
import { openDuckDb } from "../../../runtime/destinations/duckdb/index.ts";
import { DestinationError } from "../../../runtime/errors.ts";
import { batch, type Cols, load, rejection, removeDb, spec, tempDbPath } from "./load-fixtures.ts";

const spoolOf = (db: string) => `${db}.gc-staging`;

test("encodeRows: the ordinal first, strings always quoted, NULL the only empty unquoted cell, numbers exact", () => {
  const cols: Cols = [
    ["s", "text"],
    ["i", "bigint"],
    ["d", "double"],
    ["b", "bool"],
    ["m", "decimal"],
  ];
  const rows: Scalar[][] = [
    ['say "hi",\nbye', 9007199254740993n, -0, true, "12345678901234567890.123456789"],
    ["", null, 5e-324, false, "-1"],
    [null, -9223372036854775808n, Number.POSITIVE_INFINITY, null, null],
  ];
  const { text, longest } = encodeRows(
    batch(cols, rows),
    [0, 1, 2, 3, 4],
    cols.map(([, t]) => t),
    7,
  );
  assert.is(
    text,
    '7,"say ""hi"",\nbye",9007199254740993,-0.0,true,12345678901234567890.123456789\n' + '8,"",,5e-324,false,-1\n' + "9,,-9223372036854775808,inf,,\n",
  );
  assert.is(longest, '7,"say ""hi"",\nbye",9007199254740993,-0.0,true,12345678901234567890.123456789'.length);
});

test("every hostile value round-trips through the spool file exactly", async () => {
  const db = tempDbPath();
  const dest = await openDuckDb(db);
  const cols: Cols = [
    ["id", "bigint"],
    ["s", "text"],
    ["d", "double"],
    ["j", "json"],
    ["m", "decimal"],
  ];
  const strings = ["", "\\N", 'a"b""c', "x,y;--z", "line1\nline2\r\nline3\r", "nul\u0000byte", "tab\there", "🦆 ünï ∑", "s".repeat(3_000_000)];
  const doubles = [-0, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, -1e-7, Number.NEGATIVE_INFINITY];
  const rows: Scalar[][] = strings.map((s, i) => [
    i,
    s,
    doubles[i % doubles.length] ?? null,
    JSON.stringify({ s }),
    i % 2 === 0 ? "-0.000000001" : "99999999999999999999999999999",
  ]);
  rows.push([100, null, null, null, null]);
  await load(dest, "raw", spec("hostile", "append", [], cols), batch(cols, rows));
  const back = await dest.query("SELECT id, s, s IS NULL AS s_null, CAST(d AS VARCHAR) AS d, j, CAST(m AS VARCHAR) AS m FROM raw.hostile ORDER BY id");
  assert.is(back.length, rows.length);
  strings.forEach((s, i) => {
    const row = back[i] ?? {};
    assert.is(row["s"], s, `string ${i}`);
    assert.is(JSON.parse(String(row["j"])).s, s, `json ${i}`);
    assert.is(row["m"], i % 2 === 0 ? "-0.000000001" : "99999999999999999999999999999.000000000");
  });
  assert.equal(back.map((r) => r["d"]).slice(0, doubles.length), ["-0.0", "5e-324", "1.7976931348623157e+308", "0.30000000000000004", "-1e-07", "-inf"]);
  assert.equal(back.at(-1), { id: "100", s: null, s_null: true, d: null, j: null, m: null });
  await dest.close();
  removeDb(db);
});

test("a column first seen mid-load starts a new spool file; earlier rows read it as NULL, under every disposition", async () => {
  for (const disposition of ["append", "replace", "merge"] as const) {
    const dest = await openDuckDb(":memory:");
    const a: Cols = [
      ["id", "bigint"],
      ["x", "text"],
    ];
    const b: Cols = [
      ["id", "bigint"],
      ["y", "double"],
    ];
    const c: Cols = [
      ["z", "bool"],
      ["id", "bigint"],
      ["x", "text"],
    ];
    const t = spec("grow", disposition, disposition === "merge" ? ["id"] : [], a);
    await load(
      dest,
      "raw",
      t,
      batch(a, [
        [1, "one"],
        [2, "two"],
      ]),
      batch(b, [[3, 3.5]]),
      batch(c, [
        [true, 4, "four"],
        [false, 1, "one again"],
      ]),
    );
    const rows = await dest.query("SELECT * FROM raw.grow ORDER BY id, x");
    const expected =
      disposition === "merge"
        ? [
            { id: "1", x: "one again", y: null, z: false },
            { id: "2", x: "two", y: null, z: null },
            { id: "3", x: null, y: 3.5, z: null },
            { id: "4", x: "four", y: null, z: true },
          ]
        : [
            { id: "1", x: "one", y: null, z: null },
            { id: "1", x: "one again", y: null, z: false },
            { id: "2", x: "two", y: null, z: null },
            { id: "3", x: null, y: 3.5, z: null },
            { id: "4", x: "four", y: null, z: true },
          ];
    assert.equal(
      rows.map((r) => ({ id: String(r["id"]), x: r["x"], y: r["y"], z: r["z"] })),
      expected,
      disposition,
    );
    await dest.close();
  }
});

test("a load whose every batch brings a new column reads back every value in place: one read per file up to 16 files, one read by name past that", async () => {
  for (const files of [2, 16, 17, 300]) {
    const dest = await openDuckDb(":memory:");
    const tl = await dest.beginTable("raw", spec("wide", "append", [], [["id", "bigint"]]));
    for (let i = 0; i < files; i++)
      await tl.write(
        batch(
          [
            ["id", "bigint"],
            [`k${i}`, "text"],
          ],
          [[i, `v${i}`]],
        ),
      );
    await tl.write(batch([["id", "bigint"]], [])); // an empty batch adds no file
    await tl.commit();
    const rows = await dest.query("SELECT * EXCLUDE (_gc_commit_id) FROM raw.wide ORDER BY id");
    assert.is(rows.length, files);
    rows.forEach((row, i) => {
      const set = Object.entries(row).filter(([, v]) => v !== null);
      assert.equal(
        set,
        [
          ["id", String(i)],
          [`k${i}`, `v${i}`],
        ],
        `${files} files, row ${i}`,
      );
    });
    await dest.close();
  }
});

test("spool files live only while their load does: gone after commit, after abort, after a refused value or a failed commit", async () => {
  const db = tempDbPath();
  const dest = await openDuckDb(db);
  const cols: Cols = [
    ["id", "bigint"],
    ["s", "text"],
  ];
  const t = spec("files", "append", [], cols);
  const files = () => (existsSync(spoolOf(db)) ? readdirSync(spoolOf(db)) : []);

  const committed = await dest.beginTable("raw", t);
  await committed.write(batch(cols, [[1, "a"]]));
  assert.is(files().length, 1);
  await committed.commit();
  assert.equal(files(), []);

  const aborted = await dest.beginTable("raw", t);
  await aborted.write(batch(cols, [[2, "b"]]));
  assert.is(files().length, 1);
  await aborted.abort();
  assert.equal(files(), []);

  const refused = await dest.beginTable("raw", t);
  await refused.write(batch(cols, [[3, "c"]]));
  const error = await rejection(refused.write(batch(cols, [[4.5, "d"]])));
  assert.instance(error, DestinationError);
  assert.match(error.message, /column "id" is bigint but row 1 holds a number/);
  assert.equal(files(), []);
  await refused.abort();

  // A commit refused before anything is applied (a NULL key) releases its files at once, abort or not.
  const keyed = spec("keyed", "merge", ["id"], cols);
  const failed = await dest.beginTable("raw", keyed);
  await failed.write(batch(cols, [[null, "e"]]));
  assert.is(files().length, 1);
  assert.match((await rejection(failed.commit())).message, "NULL primary key");
  assert.equal(files(), []);
  await failed.abort();

  assert.equal(await dest.query("SELECT id FROM raw.files"), [{ id: "1" }]);
  await dest.close();
  assert.not.ok(existsSync(spoolOf(db)), "the spool directory is removed at close");
  removeDb(db);
});

test("leftover spool files of a killed run are deleted when the database is opened", async () => {
  const db = tempDbPath();
  mkdirSync(spoolOf(db));
  writeFileSync(`${spoolOf(db)}/_gc_staging_1_0.1.csv`, '1,"left over"\n');
  const dest = await openDuckDb(db);
  assert.not.ok(existsSync(spoolOf(db)));
  await dest.close();
  removeDb(db);
});

test("a temporary spool (:memory:) is named after its process; one left by a process that is gone is deleted at the next open", async () => {
  const dead = spawnSync(process.execPath, ["-e", ""]).pid;
  assert.ok(dead !== undefined && dead > 0);
  const left = join(tmpdir(), `gc-staging-${dead}-killed`);
  const live = join(tmpdir(), `gc-staging-${process.ppid}-running`); // the parent process runs
  const mine = join(tmpdir(), `gc-staging-${process.pid}-open`); // another destination of this process
  for (const dir of [left, live, mine]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "_gc_staging_1_0.1.csv"), '1,"left over"\n');
  }
  try {
    const dest = await openDuckDb(":memory:");
    assert.not.ok(existsSync(left), "the dead process's spool is deleted");
    assert.ok(existsSync(live) && existsSync(mine), "a running process's spool stays");
    const before = new Set(readdirSync(tmpdir()));
    const cols: Cols = [["id", "bigint"]];
    const tl = await dest.beginTable("raw", spec("t", "append", [], cols));
    await tl.write(batch(cols, [[1]]));
    const created = readdirSync(tmpdir()).filter((name) => name.startsWith("gc-staging-") && !before.has(name));
    assert.equal(
      created.map((name) => name.replace(/-[^-]+$/, "-X")),
      [`gc-staging-${process.pid}-X`],
    );
    await tl.commit();
    await dest.close();
  } finally {
    for (const dir of [left, live, mine]) rmSync(dir, { recursive: true, force: true });
  }
});

test("a database path with a quote and spaces spools beside it and loads (the path is an escaped SQL literal)", async () => {
  const db = tempDbPath().replace(/test\.duckdb$/, "it's my db.duckdb");
  const dest = await openDuckDb(db);
  const cols: Cols = [["id", "bigint"]];
  const tl = await dest.beginTable("raw", spec("quoted", "append", [], cols));
  await tl.write(batch(cols, [[1]]));
  assert.ok(existsSync(spoolOf(db)));
  await tl.commit();
  assert.equal(await dest.query("SELECT count(*) AS n FROM raw.quoted"), [{ n: "1" }]);
  await dest.close();
  removeDb(db);
});

test("a database path read_csv would glob spools to a private temp directory instead", async () => {
  const db = tempDbPath().replace(/test\.duckdb$/, "data[1]*.duckdb");
  const dest = await openDuckDb(db);
  const cols: Cols = [["id", "bigint"]];
  const tl = await dest.beginTable("raw", spec("globbed", "append", [], cols));
  await tl.write(batch(cols, [[1], [2]]));
  assert.not.ok(existsSync(spoolOf(db)));
  await tl.commit();
  assert.equal(await dest.query("SELECT count(*) AS n FROM raw.globbed"), [{ n: "2" }]);
  await dest.close();
  removeDb(db);
});

test("an append streams with a smaller buffer pool and no insertion order, and both settings come back afterwards", async () => {
  for (const limit of [undefined, "16MB"]) {
    const dest = await openDuckDb(":memory:", limit === undefined ? {} : { memory_limit: limit });
    const settings = "SELECT current_setting('memory_limit') AS m, current_setting('preserve_insertion_order') AS p";
    const before = await dest.query(settings);
    const cols: Cols = [["id", "bigint"]];
    await load(dest, "raw", spec("streamed", "append", [], cols), batch(cols, [[1], [2], [3]]));
    assert.equal(await dest.query(settings), before);
    assert.equal(await dest.query("SELECT count(*) AS n FROM raw.streamed"), [{ n: "3" }]);
    await dest.close();
  }
});

test("a streamed insert that fails inside the commit reports its own error, and the settings still come back", async () => {
  const dest = await openDuckDb(":memory:", { memory_limit: "200MB" });
  const settings = "SELECT current_setting('memory_limit') AS m, current_setting('preserve_insertion_order') AS p";
  const before = await dest.query(settings);
  const cols: Cols = [
    ["id", "bigint"],
    ["at", "timestamp"],
  ];
  const error = await rejection(
    load(
      dest,
      "raw",
      spec("bad_time", "append", [], cols),
      batch(cols, [
        [1, "2024-01-01T00:00:00Z"],
        [2, "not a time"],
      ]),
    ),
  );
  assert.instance(error, DestinationError);
  assert.match(error.message, /not a time/);
  assert.not.match(error.message, /transaction is aborted/);
  assert.equal(await dest.query(settings), before);
  assert.equal(await dest.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'bad_time'"), [{ n: "0" }], "rolled back, table and all");
  await dest.close();
});

test.run();
