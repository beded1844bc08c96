// $hooks of configs/support_hooks.json: a custom auth, a custom paginator, a cursor conversion and a
// response action, each implementing the runtime's interfaces.
import { withHeader, withParam, type Auth, type Paginator, type ResponseActionKind, type ResponseFacts } from "gen-connector/runtime";

/** Auth: a static key from the environment, sent as X-Api-Key with a request id. */
export const signedRequests: Auth = {
  apply: (request) => withHeader(withHeader(request, "X-Api-Key", process.env.SUPPORT_HOOK_KEY ?? ""), "X-Request-Source", "gen-connector-hooks"),
};

/** Paginator: offset/limit 50 at a time, stopping on a short page. */
export const fiftyAtATime: Paginator = {
  first: (request) => withParam(withParam(request, "offset", "0"), "limit", "50"),
  next: (request, _response, records) => {
    if (records.length < 50) return undefined;
    return withParam(request, "offset", String(Number(request.url.searchParams.get("offset") ?? 0) + 50));
  },
};

/** Incremental convert: ISO date-times without milliseconds for the API. */
export function isoSeconds(value: string | number): string | number {
  return typeof value === "string" ? value.replace(/\.\d+Z$/, "Z") : value;
}

/** Response action: a 200 announcing maintenance is transient. */
export function maintenanceIsTransient(response: ResponseFacts): ResponseActionKind | undefined {
  return response.body.includes('"maintenance"') ? "retry" : undefined;
}
