// Variants of the generated seed connector for in-process tests: another paginator, auth or retry.
import { connector } from "../../generated/customer_support/index.ts";
import type { AuthSpec, ClientSpec, ConnectorSpec, EndpointSpec, PaginatorSpec, RetrySpec } from "../../runtime/connector.ts";
import type { PaginationMode } from "../mock-api/server.ts";

export const seed: ConnectorSpec = connector;

/** The endpoint settings that fit each of the mock API's pagination modes. */
export const PAGING: Readonly<Record<PaginationMode, { paginator: PaginatorSpec; dataSelector: string; params?: Record<string, string> }>> = {
  offset: { paginator: seed.resources[0]!.endpoint.paginator as PaginatorSpec, dataSelector: "data" },
  page_number: {
    paginator: {
      type: "page_number",
      basePage: 1,
      page: 1,
      pageParam: "page",
      totalPath: "total_pages",
      maximumPage: null,
      stopAfterEmptyPage: true,
      hasMorePath: null,
    },
    dataSelector: "data",
    params: { page_size: "100" },
  },
  cursor: {
    paginator: { type: "cursor", cursorPath: "next_cursor", cursorParam: "cursor", stopAfterEmptyPage: false, hasMorePath: null },
    dataSelector: "data",
  },
  json_link: { paginator: { type: "json_link", nextUrlPath: "next" }, dataSelector: "data" },
  header_link: { paginator: { type: "header_link", linksNextKey: "next" }, dataSelector: "$" },
  header_cursor: { paginator: { type: "header_cursor", cursorKey: "X-Next-Cursor", cursorParam: "cursor" }, dataSelector: "data" },
  single_page: { paginator: { type: "single_page" }, dataSelector: "data" },
};

/** The seed connector with its one resource's endpoint, client auth or retry replaced. */
export function variant(change: {
  endpoint?: Partial<EndpointSpec>;
  auth?: AuthSpec | null;
  retry?: Partial<RetrySpec>;
  timeout?: number;
  client?: Partial<ClientSpec>;
}): ConnectorSpec {
  const resource = seed.resources[0]!;
  return {
    ...seed,
    client: {
      ...seed.client,
      ...(change.auth === undefined ? {} : { auth: change.auth }),
      retry: { ...seed.client.retry, ...change.retry },
      ...(change.timeout === undefined ? {} : { timeout: change.timeout }),
      ...change.client,
    },
    resources: [{ ...resource, endpoint: { ...resource.endpoint, ...change.endpoint } }],
  };
}

/** The seed connector paged the way the mock's `mode` pages. */
export function pagedAs(mode: PaginationMode): ConnectorSpec {
  const { paginator, dataSelector, params } = PAGING[mode];
  return variant({ endpoint: { paginator, dataSelector, params: params ?? {} } });
}
