// A child process for the windowed-backfill kill test: syncs the windowed seed connector from the mock
// API at <base url> into <destination>, two windows fetched at a time, and prints "window <index>"
// on stdout as each window commits, so the parent can SIGKILL it mid-run.
// Usage: tsx windowed-sync-child.ts <destination url> <base url>
import { writeSync } from "node:fs";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { windowed } from "./windowed.ts";

const [destination, baseUrl] = process.argv.slice(2) as [string, string];
await runSync(windowed, {
  destination,
  baseUrl,
  secrets: { env: { API_KEY: "k" }, dotenv: {} },
  concurrency: 2,
  observer: { window: (_resource, w) => void writeSync(1, `window ${w.index}\n`) },
});
