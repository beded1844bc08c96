// Dividing an API's request budget among the partitions that may run at once. The queue caps the
// partitions of one API (its base URL) running across every worker at `perApi`; each partition's
// client then gets 1/perApi of `client.rate_limit` (and of each endpoint's own), so all of them
// together stay within the configured budget whatever the number of workers. The window is
// stretched, not the count cut: `10 per 1 s` shared by 4 becomes `10 per 4 s` (same average rate,
// integer counts, a burst of at most the configured count).
import type { ConnectorSpec, RateLimitSpec } from "../../connector.ts";

const share = (limit: RateLimitSpec | undefined, perApi: number): RateLimitSpec | undefined =>
  limit === undefined ? undefined : { requests: limit.requests, perSeconds: limit.perSeconds * perApi };

/** The connector with each request budget divided by `perApi` (unchanged when perApi is 1 or there is none). */
export function shareRateLimits(connector: ConnectorSpec, perApi: number): ConnectorSpec {
  if (perApi <= 1) return connector;
  const client = connector.client.rateLimit === undefined ? connector.client : { ...connector.client, rateLimit: share(connector.client.rateLimit, perApi)! };
  const resources = connector.resources.map((r) =>
    r.endpoint.rateLimit === undefined ? r : { ...r, endpoint: { ...r.endpoint, rateLimit: share(r.endpoint.rateLimit, perApi)! } },
  );
  return { ...connector, client, resources };
}

/** The per-API group: the connector's base URL (what --base-url replaced it with). */
export function apiGroup(connector: ConnectorSpec, baseUrl: string | undefined): string {
  return baseUrl ?? connector.client.baseUrl;
}
