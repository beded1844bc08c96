// A unit's request sequences on a fake stream: children per accepted parent record, the parent bound,
// a sequence cut short noted on its resource, and a failed run stopping the fetch.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector as supportTickets } from "../../../generated/support_tickets/index.ts";
import type { ResourceSpec } from "../../../runtime/connector.ts";
import type { BindContext } from "../../../runtime/interpolate/bind.ts";
import type { PageStream, RawPage, SequenceEnd } from "../../../runtime/stream/page-stream.ts";
import type { RecordOrigin } from "../../../runtime/sync/quarantine.ts";
import { ResourceRun } from "../../../runtime/sync/resource-run.ts";
import { runSequence, type UnitNode } from "../../../runtime/sync/sequences.ts";
import type { UnitSink } from "../../../runtime/sync/unit-sink.ts";

const [tickets, comments] = supportTickets.resources as [ResourceSpec, ResourceSpec];

/** A stream serving `pagesFor(bind)`, then reporting `cut` as how each sequence ended. */
function fakeStream(pagesFor: (bind: BindContext) => unknown[][], cut: (bind: BindContext) => string | null = () => null): PageStream {
  return {
    http: { requests: 0, retries: 0, ignored: 0 },
    async *pages(bind: BindContext, ended?: (end: SequenceEnd) => void): AsyncGenerator<RawPage> {
      for (const [i, records] of pagesFor(bind).entries()) yield { number: i + 1, records, url: "https://api.test" };
      ended?.({ cut: cut(bind) });
    },
  } as unknown as PageStream;
}

function collecting(): UnitSink & { got: Record<string, unknown>[] } {
  const got: Record<string, unknown>[] = [];
  return {
    got,
    quarantines: false,
    refuse: () => undefined,
    write: async (records: Record<string, unknown>[], _origins: readonly RecordOrigin[]) => {
      got.push(...records);
      return records;
    },
    get rows() {
      return got.length;
    },
  } as unknown as UnitSink & { got: Record<string, unknown>[] };
}

const ticket = (id: number) => ({ id, customer_id: `c${id}`, subject: "s", status: "open", priority: 1, created_at: "2024-01-01T00:00:00Z" });
const comment = (ticketId: number, n: number) => ({ id: `${ticketId}-${n}`, ticket_id: ticketId, body: "b" });
const parentOf = (bind: BindContext) => (bind.resources?.tickets as { id: number } | undefined)?.id ?? 0;

test("each accepted parent record runs the child's sequence with the parent bound; parent fields included", async () => {
  const parentSink = collecting();
  const childSink = collecting();
  const child = new ResourceRun(
    { resource: comments, load: true, parentKey: ["id"], children: [] },
    fakeStream((bind) => [[comment(parentOf(bind), 1), comment(parentOf(bind), 2)]]),
    (r) => [r],
    [],
  );
  const root = new ResourceRun(
    { resource: tickets, load: true, parentKey: [], children: [] },
    fakeStream(() => [[ticket(1), ticket(2)], [ticket(3)]]),
    (r) => [r],
    [child],
  );
  const childNode: UnitNode = { run: child, sink: childSink, children: [], cut: null };
  const rootNode: UnitNode = { run: root, sink: parentSink, children: [childNode], cut: null };
  await runSequence(rootNode, {}, { concurrency: 2, stopped: () => false }, { tracker: undefined });
  assert.is(parentSink.got.length, 3);
  assert.equal(childSink.got.map((c) => `${c.id}<${c._tickets_id}`).sort(), ["1-1<1", "1-2<1", "2-1<2", "2-2<2", "3-1<3", "3-2<3"]);
  assert.equal([root.pages, child.pages, root.seen, child.seen], [2, 3, 3, 6]);
  assert.is(rootNode.cut, null);
});

test("a child sequence cut short is noted on the child's node (the first reason), not the parent's", async () => {
  const child = new ResourceRun(
    { resource: comments, load: true, parentKey: ["id"], children: [] },
    fakeStream(
      (bind) => [[comment(parentOf(bind), 1)]],
      (bind) => (parentOf(bind) === 2 ? "an ignore response action ended its request sequence at page 1 (HTTP 404)" : null),
    ),
    (r) => [r],
    [],
  );
  const root = new ResourceRun(
    { resource: tickets, load: true, parentKey: [], children: [] },
    fakeStream(() => [[ticket(1), ticket(2)]]),
    (r) => [r],
    [child],
  );
  const childNode: UnitNode = { run: child, sink: collecting(), children: [], cut: null };
  const rootNode: UnitNode = { run: root, sink: collecting(), children: [childNode], cut: null };
  await runSequence(rootNode, {}, { concurrency: 1, stopped: () => false }, { tracker: undefined });
  assert.is(childNode.cut, "an ignore response action ended its request sequence at page 1 (HTTP 404)");
  assert.is(rootNode.cut, null);
});

test("a stopped run takes no further page", async () => {
  let stopped = false;
  const sink = collecting();
  const root = new ResourceRun(
    { resource: tickets, load: true, parentKey: [], children: [] },
    fakeStream(() => [[ticket(1)], [ticket(2)], [ticket(3)]]),
    (r) => [r],
    [],
  );
  const write = sink.write;
  sink.write = async (records, origins) => {
    stopped = true; // the run failed elsewhere while this page was being written
    return write(records, origins);
  };
  await runSequence({ run: root, sink, children: [], cut: null }, {}, { concurrency: 1, stopped: () => stopped }, { tracker: undefined });
  assert.is(sink.got.length, 1);
});

test.run();
