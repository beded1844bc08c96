// Writes the loader bench's input files into tmp/bench-loader/ (git-ignored), once per record count:
// `v1-<n>.jsonl` (the input), `v1-<n>.tsv` (the same rows flattened, for Postgres's COPY floor) and, when
// asked, `v1-<n>-list.jsonl` (the records with a `tags` list). Deterministic, so existing files are reused.
// Usage: tsx bench/loader/generate.ts <records> [--list]
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchRecord, COLUMNS, type BenchRecord } from "./records.ts";

export const LOADER_DIR = fileURLToPath(new URL("../../tmp/bench-loader/", import.meta.url));

/** Part of every file name: bump it when records.ts changes what is generated, so stale files are not reused. */
const SHAPE = "v1";

/** The input files for `records` records. */
export function loaderFiles(records: number): { jsonl: string; tsv: string; listJsonl: string } {
  const base = join(LOADER_DIR, `${SHAPE}-${records}`);
  return { jsonl: `${base}.jsonl`, tsv: `${base}.tsv`, listJsonl: `${base}-list.jsonl` };
}

const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** One row in COPY's text format (the data holds no tab, newline or backslash, but escape as COPY requires anyway). */
function tsvLine(record: BenchRecord): string {
  return COLUMNS.map((c) => {
    const v = c.value(record);
    return typeof v === "boolean" ? (v ? "t" : "f") : String(v).replace(/[\\\n\r\t]/g, (ch) => ESCAPES[ch] as string);
  }).join("\t");
}

/** Writes `render(i)` for i in [0, records) to `path` (through a temp name, so a killed run leaves no partial file). */
async function writeLines(path: string, records: number, render: (index: number) => string): Promise<void> {
  if (existsSync(path)) return;
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  let chunk = "";
  for (let i = 0; i < records; i++) {
    chunk += `${render(i)}\n`;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  renameSync(partial, path);
}

/** Ensures the files for `records` records exist (the list variant only when `withList`). */
export async function generate(records: number, withList: boolean): Promise<void> {
  mkdirSync(LOADER_DIR, { recursive: true });
  const files = loaderFiles(records);
  await writeLines(files.jsonl, records, (i) => JSON.stringify(benchRecord(i, false)));
  await writeLines(files.tsv, records, (i) => tsvLine(benchRecord(i, false)));
  if (withList) await writeLines(files.listJsonl, records, (i) => JSON.stringify(benchRecord(i, true)));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const records = Number(process.argv[2]);
  if (!Number.isInteger(records) || records < 1) {
    process.stderr.write("usage: tsx bench/loader/generate.ts <records> [--list]\n");
    process.exit(2);
  }
  await generate(records, process.argv.includes("--list"));
}
