// Which children split into batches and which parent fields a batch carries (pure): bound placeholders
// anywhere in the subtree's endpoints (top-level field only), include_from_parent and the parent key.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector as tickets } from "../../../generated/support_tickets/index.ts";
import type { ConnectorSpec, ResourceSpec } from "../../../runtime/connector.ts";
import { unsplittable } from "../../../runtime/distributed/child-batches.ts";
import { parentFields, projectParent, readParent } from "../../../runtime/distributed/parent-fields.ts";
import { planRun } from "../../../runtime/sync/plan.ts";

const [ticketsSpec, comments] = tickets.resources as [ResourceSpec, ResourceSpec, ResourceSpec];
const merged = (r: ResourceSpec): ResourceSpec => ({ ...r, table: { ...r.table, writeDisposition: "merge" } });

/** tickets → comments → reactions; `change` reshapes comments and reactions. */
function tree(change: (r: ResourceSpec) => ResourceSpec = (r) => r, chosen = ["tickets", "comments", "reactions"]) {
  const reactions: ResourceSpec = {
    ...merged(comments),
    name: "reactions",
    parent: { resource: "comments", includeFromParent: ["id"] },
    endpoint: {
      ...comments.endpoint,
      path: "/v1/resource/{resources.tickets.id}/comments/{resources.comments.id}/reactions",
      params: { region: "{resources.tickets.account.region}" },
      headers: { "x-owner": "{resources.tickets.owner[0]}" },
      json: { "{resources.tickets.tag}": ["{{literal}}", "{resources.tickets.team}"] },
    },
  };
  const connector: ConnectorSpec = {
    ...tickets,
    resources: [ticketsSpec, change({ ...merged(comments), name: "comments" }), change(reactions)],
  };
  const root = planRun(connector, new Set(chosen)).roots[0]!;
  return { root, child: root.children[0]! };
}

test("a batch carries the parent's key, include_from_parent and every top-level field its subtree binds", () => {
  const { root, child } = tree();
  assert.equal(parentFields(root, child), ["account", "customer_id", "id", "owner", "tag", "team"]);
  const text = projectParent({ id: 12345678901234567890n, customer_id: 7, account: { region: "eu" }, subject: "not needed" }, parentFields(root, child));
  assert.is(text, '{"account":{"region":"eu"},"customer_id":7,"id":12345678901234567890}');
  assert.equal(readParent(text, "here"), { account: { region: "eu" }, customer_id: 7, id: 12345678901234567890n });
  assert.throws(() => readParent("[1]", "comments batch 1/2"), /comments batch 1\/2: a parent record in the batch is not a JSON object/);
});

test("a child splits unless a batch could not commit its subtree alone", () => {
  assert.is(unsplittable(tree().root, tree().child), null);
  const replace = tree((r) => (r.name === "reactions" ? { ...r, table: { ...r.table, writeDisposition: "replace" } } : r));
  assert.is(unsplittable(replace.root, replace.child), "reactions replaces its table");
  const scd2 = tree((r) => (r.name === "comments" ? { ...r, table: { ...r.table, merge: { strategy: "scd2" } } } : r) as ResourceSpec);
  assert.is(unsplittable(scd2.root, scd2.child), "comments keeps scd2 versions");
  const feeding = tree((r) => r, ["comments"]);
  assert.is(unsplittable(feeding.root, feeding.child), "tickets only feeds its children (its records are not loaded)");
});

test.run();
