// The live region on a fake terminal with an injected clock: what the screen shows while resources run,
// with a bar, percentage and ETA once the total is known, while committing, and once they are done.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { liveReporter } from "../../../../generator/cli/progress/live.ts";
import { chooseProgress } from "../../../../generator/cli/progress/choose.ts";
import type { ResourceSummary } from "../../../../runtime/sync/summary.ts";
import { fakeTerminal } from "../../../helpers/screen.ts";

const summary = (resource: string, pages: number, records: number): ResourceSummary => ({
  resource,
  table: resource,
  pages,
  records,
  inserted: records,
  updated: 0,
  unchanged: 0,
  requests: pages,
  retries: 0,
  ignored: 0,
  seconds: 2,
});

test("one live line per running resource: pages, records, records/s, elapsed; bar, % and ETA with a total; committing; done lines stay", () => {
  const term = fakeTerminal();
  let now = 0;
  const live = liveReporter(term.stream, () => now);
  live.resourceStarted?.("tickets");
  live.resourceStarted?.("users");
  assert.equal(term.screen(), ["tickets  waiting for the first page  0.0 s", "users  waiting for the first page  0.0 s"]);

  now = 1_000;
  live.total?.("tickets", { pages: 10 });
  live.page?.("tickets", 2, 200);
  live.page?.("users", 1, 50);
  now = 2_000;
  live.tick();
  assert.equal(term.screen(), [
    "tickets  [##----------] 20%  2 pages  200 records  100 records/s  2.0 s  ETA 8.0 s",
    "users  1 page  50 records  25 records/s  2.0 s",
  ]);

  live.committing?.("users", 50);
  assert.equal(term.screen()[1], "users  committing 50 records…  2.0 s");
  live.retry?.("tickets", { attempt: 1, waitMs: 2_000, reason: "HTTP 503", url: "https://api.example.com/v1/tickets?offset=200" });
  live.resourceFinished?.(summary("users", 1, 50));
  now = 4_000;
  live.page?.("tickets", 10, 1_000);
  assert.equal(term.screen(), [
    "tickets: retry 1 in 2.0 s (HTTP 503) https://api.example.com/v1/tickets?offset=200",
    "users: done, 1 pages, 50 records (50 inserted, 0 updated, 0 unchanged), 25 records/s",
    "tickets  [############] 100%  10 pages  1,000 records  250 records/s  4.0 s  ETA 0.0 s",
  ]);

  live.resourceFinished?.(summary("tickets", 10, 1_000));
  live.close();
  assert.equal(term.screen(), [
    "tickets: retry 1 in 2.0 s (HTTP 503) https://api.example.com/v1/tickets?offset=200",
    "users: done, 1 pages, 50 records (50 inserted, 0 updated, 0 unchanged), 25 records/s",
    "tickets: done, 10 pages, 1000 records (1000 inserted, 0 updated, 0 unchanged), 250 records/s",
  ]);
  assert.match(term.raw(), "\u001B[2K"); // lines were redrawn in place, not appended
});

test("page events redraw at most every everyMs; tick redraws the elapsed time", () => {
  const term = fakeTerminal();
  let now = 0;
  const live = liveReporter(term.stream, () => now, { everyMs: 100 });
  live.resourceStarted?.("tickets");
  now = 50;
  live.page?.("tickets", 1, 10);
  assert.equal(term.screen(), ["tickets  waiting for the first page  0.0 s"]);
  now = 150;
  live.page?.("tickets", 2, 20);
  assert.equal(term.screen(), ["tickets  2 pages  20 records  133 records/s  0.1 s"]);
  now = 75_000;
  live.tick();
  assert.equal(term.screen(), ["tickets  2 pages  20 records  0 records/s  1 min 15 s"]);
  live.close();
});

test("chooseProgress: live on a terminal, plain lines elsewhere, JSON lines with --log-format json, warnings only with --quiet", async () => {
  const term = fakeTerminal();
  const onTerminal = await chooseProgress({ quiet: false, logFormat: "text" }, term.stream);
  onTerminal.observer.resourceStarted?.("tickets");
  assert.equal(term.screen(), ["tickets  waiting for the first page  0.0 s"]);
  onTerminal.close();
  assert.equal(term.screen(), []);

  const piped = fakeTerminal();
  Object.assign(piped.stream, { isTTY: false });
  const plain = await chooseProgress({ quiet: false, logFormat: "text" }, piped.stream);
  plain.observer.resourceStarted?.("tickets");
  assert.is(piped.raw(), "tickets: started\n");
  assert.ok(plain.summary);

  const unsized = fakeTerminal(0, 0);
  (await chooseProgress({ quiet: false, logFormat: "text" }, unsized.stream)).observer.resourceStarted?.("tickets");
  assert.is(unsized.raw(), "tickets: started\n"); // a terminal of no size gets plain lines

  const machine = fakeTerminal();
  const json = await chooseProgress({ quiet: false, logFormat: "json" }, machine.stream);
  json.observer.resourceStarted?.("tickets");
  assert.equal(Object.keys(JSON.parse(machine.raw()) as object), ["event", "resource", "ms"]);
  assert.not.ok(json.summary);

  const quiet = fakeTerminal();
  const warnings = await chooseProgress({ quiet: true, logFormat: "text" }, quiet.stream);
  warnings.observer.resourceStarted?.("tickets");
  warnings.observer.page?.("tickets", 1, 10);
  warnings.observer.quarantined?.("tickets", 2, "ds._quarantine");
  assert.is(quiet.raw(), "tickets: WARNING: 2 invalid records quarantined in ds._quarantine (see its reason column)\n");
});

test.run();
