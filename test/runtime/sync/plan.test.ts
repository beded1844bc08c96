// The run's plan: chosen resources plus the ancestors that feed them, parents and children, run order.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector as supportTickets } from "../../../generated/support_tickets/index.ts";
import type { ConnectorSpec } from "../../../runtime/connector.ts";
import { ConfigError, UsageError } from "../../../runtime/errors.ts";
import { chooseResources, planRun, walk } from "../../../runtime/sync/plan.ts";
import { windowIncremental } from "../../helpers/windowed.ts";

const names = (connector: ConnectorSpec, chosen: string[]) =>
  [...walk(planRun(connector, new Set(chosen)).roots)].map((n) => `${n.resource.name}${n.load ? "" : " (feeds)"}<${n.parentKey.join(",")}>`);

test("a child alone brings its parent, which only feeds it", () => {
  assert.equal(names(supportTickets, ["ticket_comments"]), ["tickets (feeds)<>", "ticket_comments<id>"]);
  assert.equal(names(supportTickets, ["tickets", "recent_comments"]), ["tickets<>", "recent_comments<id>"]);
});

test("every selected resource by default; an unknown name is a usage error naming the valid ones", () => {
  assert.equal([...chooseResources(supportTickets, undefined)], ["tickets", "ticket_comments", "recent_comments"]);
  assert.throws(
    () => chooseResources(supportTickets, ["nope"]),
    (e: unknown) => e instanceof UsageError && /"nope".*"tickets", "ticket_comments"/.test(e.message),
  );
});

test("parallelized trees run first and together; the rest one after another in config order", () => {
  const [tickets, ...rest] = supportTickets.resources;
  const other = { ...tickets!, name: "other", parallelized: true };
  const plan = planRun({ ...supportTickets, resources: [tickets!, other, ...rest] }, new Set(["tickets", "other"]));
  assert.equal(
    plan.parallel.map((n) => n.resource.name),
    ["other"],
  );
  assert.equal(
    plan.sequential.map((n) => n.resource.name),
    ["tickets"],
  );
});

test("a window on a child resource is a config error with its path; on a parent it is planned", () => {
  const windowedChild: ConnectorSpec = {
    ...supportTickets,
    resources: supportTickets.resources.map((r) => (r.name === "ticket_comments" ? { ...r, endpoint: { ...r.endpoint, incremental: windowIncremental } } : r)),
  };
  assert.throws(
    () => planRun(windowedChild, new Set(["ticket_comments"])),
    (e: unknown) => e instanceof ConfigError && /resources\.ticket_comments\.endpoint\.incremental\.window.*child of tickets/.test(e.message),
  );
  const windowedParent: ConnectorSpec = {
    ...supportTickets,
    resources: supportTickets.resources.map((r) => (r.name === "tickets" ? { ...r, endpoint: { ...r.endpoint, incremental: windowIncremental } } : r)),
  };
  assert.is(planRun(windowedParent, new Set(["ticket_comments"])).roots[0]?.children.length, 1);
});

test.run();
