// createPaginator: builds a Paginator from its spec through a registry keyed by type.
import { ConfigError } from "../errors.ts";
import type { PaginatorSpec, PaginatorType } from "../spec.ts";
import { createCursorPaginator } from "./cursor.ts";
import { createHeaderCursorPaginator } from "./header-cursor.ts";
import { createHeaderLinkPaginator } from "./header-link.ts";
import { createJsonLinkPaginator } from "./json-link.ts";
import { createOffsetPaginator } from "./offset.ts";
import { createPageNumberPaginator } from "./page-number.ts";
import type { Paginator } from "./paginator.ts";
import { createSinglePagePaginator } from "./single-page.ts";

export type { Paginator } from "./paginator.ts";
export { LoopGuard } from "./loop-guard.ts";
export { parseLinkHeader, type LinkValue } from "./link-header.ts";

type Factory<T extends PaginatorType> = (spec: Extract<PaginatorSpec, { type: T }>) => Paginator;

const registry: { readonly [T in PaginatorType]: Factory<T> } = {
  single_page: createSinglePagePaginator,
  offset: createOffsetPaginator,
  page_number: createPageNumberPaginator,
  cursor: createCursorPaginator,
  json_link: createJsonLinkPaginator,
  header_link: createHeaderLinkPaginator,
  header_cursor: createHeaderCursorPaginator,
};

/** Every paginator type the runtime implements. */
export const paginatorTypes = Object.keys(registry) as readonly PaginatorType[];

/** Builds the paginator for `spec`; throws ConfigError for an unknown type or an unusable spec. */
export function createPaginator(spec: PaginatorSpec): Paginator {
  const type: string = spec.type;
  if (!Object.hasOwn(registry, type)) {
    throw new ConfigError("paginator spec", [
      { path: "paginator.type", message: `unknown paginator type "${type}"; valid types: ${paginatorTypes.join(", ")}` },
    ]);
  }
  const factory = registry[spec.type] as (spec: PaginatorSpec) => Paginator;
  return factory(spec);
}
