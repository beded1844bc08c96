// A connector directory for the child-batch CLI test (`gen-connector sync|runs <dir>` load its index.ts):
// support_tickets' tickets and their comments (merged, so the comments can be split into batches of
// parent records), the bearer token from SUPPORT_TOKEN.
import { connector as tickets } from "../../../generated/support_tickets/index.ts";
import type { ConnectorSpec } from "../../../runtime/connector.ts";

export const connector: ConnectorSpec = {
  ...tickets,
  resources: tickets.resources
    .filter((r) => r.name !== "recent_comments")
    .map((r) => (r.parent === null ? r : { ...r, table: { ...r.table, writeDisposition: "merge" as const } })),
};
