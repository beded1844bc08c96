// An operation's success response: status, headers and JSON body schema.
import type { LoadedSpec } from "./load.ts";
import type { JsonObject, Operation } from "./operations.ts";
import { deref } from "./resolve.ts";

export interface SuccessResponse {
  /** `200`, `201`, `2XX`, … */
  readonly status: string;
  /** Response headers with refs resolved, keyed by their declared names. */
  readonly headers: Readonly<Record<string, JsonObject>>;
  /** The JSON body schema (refs not followed), when the response has JSON (or any-type) content. */
  readonly schema: unknown;
  /** The media type the schema came from. */
  readonly mediaType: string | undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json(;|$)/i;

function rank(status: string): number {
  if (status === "200") return 0;
  if (/^2\d\d$/.test(status)) return Number(status) - 199;
  return /^2xx$/i.test(status) ? 200 : Number.POSITIVE_INFINITY;
}

/** The first 2xx response (`200` first, then 201…, then `2XX`), or undefined. */
export function successResponse(spec: LoadedSpec, op: Operation): SuccessResponse | undefined {
  const responses = isObject(op.operation.responses) ? op.operation.responses : {};
  const status = Object.keys(responses)
    .filter((s) => Number.isFinite(rank(s)))
    .sort((a, b) => rank(a) - rank(b))[0];
  if (status === undefined) return undefined;
  const response = deref(spec, responses[status]);
  if (!isObject(response)) return undefined;
  const headers: Record<string, JsonObject> = {};
  if (isObject(response.headers)) {
    for (const [name, header] of Object.entries(response.headers)) {
      const resolved = deref(spec, header);
      if (isObject(resolved)) headers[name] = resolved;
    }
  }
  const content = isObject(response.content) ? response.content : {};
  const mediaType = Object.keys(content).find((t) => JSON_TYPE.test(t)) ?? Object.keys(content).find((t) => t === "*/*");
  const media = mediaType === undefined ? undefined : content[mediaType];
  return { status, headers, schema: isObject(media) ? media.schema : undefined, mediaType };
}
