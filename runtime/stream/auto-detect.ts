// Auto-detection for endpoints without a paginator or data_selector: decided once per resource from
// its first response, then reused; what was decided is reported so it can be pinned in the config.
import { detectDataSelector } from "../detect/data-selector.ts";
import { detectPaginator } from "../detect/paginator.ts";
import { withParam, type PageRequest, type PageResponse } from "../http/request.ts";
import { paginatorKind } from "../paginators/index.ts";
import type { CustomPaginatorSpec, EndpointSpec, PaginatorSpec } from "../connector.ts";

export interface Detected {
  readonly paginator: PaginatorSpec | CustomPaginatorSpec;
  readonly dataSelector: string;
  /** What was detected and from which evidence; empty when nothing had to be detected. */
  readonly reasons: readonly string[];
  /** False when the evidence was thin (e.g. a full-looking page with no paging hints). */
  readonly confident: boolean;
}

/** Whether the endpoint needs detection at all. */
export function needsDetection(endpoint: EndpointSpec): boolean {
  return endpoint.paginator.type === "auto" || endpoint.dataSelector === null;
}

/** Detects what the endpoint leaves open from its first request and response. */
export function detect(
  endpoint: EndpointSpec,
  request: PageRequest,
  response: PageResponse,
  select: (selector: string) => (body: unknown) => unknown[],
): Detected {
  const reasons: string[] = [];
  let dataSelector = endpoint.dataSelector;
  if (dataSelector === null) {
    const found = detectDataSelector(response.body);
    dataSelector = found.path;
    reasons.push(`data_selector \`${found.path}\`: ${found.reason}`);
  }
  if (endpoint.paginator.type !== "auto") return { paginator: endpoint.paginator, dataSelector, reasons, confident: true };
  const found = detectPaginator(request, response, select(dataSelector)(response.body));
  reasons.push(`paginator ${found.spec.type}: ${found.reason}`);
  return { paginator: found.spec, dataSelector, reasons, confident: found.confident };
}

/** The first request with the detected paginator's params (what its kind writes) filled in where the API defaulted them. */
export function alignFirstRequest(request: PageRequest, spec: PaginatorSpec | CustomPaginatorSpec): PageRequest {
  const kind = spec.type === "custom" ? undefined : paginatorKind(spec.type);
  let aligned = request;
  for (const [name, value] of Object.entries(kind?.writes(spec) ?? {})) {
    if (value !== undefined && !request.url.searchParams.has(name)) aligned = withParam(aligned, name, String(value));
  }
  return aligned;
}

/** The detected settings in the config's own words, to pin them (`"endpoint": {...}`). */
export function asConfig(detected: Detected): Record<string, unknown> {
  if (detected.paginator.type === "custom") return { data_selector: detected.dataSelector };
  const { type, ...rest } = detected.paginator;
  const snake = Object.fromEntries(
    Object.entries(rest)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );
  return { paginator: { type, ...snake }, data_selector: detected.dataSelector };
}
