// The paginator registry: one line per kind (each kind's module holds its grammar, defaults, stop
// test, written params and behaviour), and createPaginator, which builds a Paginator from its spec.
import { ConfigError } from "../errors.ts";
import { cursorKind } from "./cursor.ts";
import { headerCursorKind } from "./header-cursor.ts";
import { headerLinkKind } from "./header-link.ts";
import { jsonLinkKind } from "./json-link.ts";
import { kindObject, type KindConfig, type PaginatorKind, type SpecOf } from "./kind.ts";
import { offsetKind } from "./offset.ts";
import { pageNumberKind } from "./page-number.ts";
import type { Paginator } from "../hooks.ts";
import { singlePageKind } from "./single-page.ts";

export type { Paginator } from "../hooks.ts";
export type { PaginatorKind } from "./kind.ts";
export { LoopGuard } from "./loop-guard.ts";
export { parseLinkHeader, type LinkValue } from "./link-header.ts";

/** Every paginator kind the runtime implements, in the order messages list them. */
export const paginatorKinds = [singlePageKind, offsetKind, pageNumberKind, cursorKind, jsonLinkKind, headerLinkKind, headerCursorKind] as const;

/** A built-in paginator's fully resolved spec (what generated connectors hold). */
export type PaginatorSpec = SpecOf<(typeof paginatorKinds)[number]>;
export type PaginatorType = PaginatorSpec["type"];

/** Every paginator type the runtime implements. */
export const paginatorTypes = paginatorKinds.map((kind) => kind.type) as readonly PaginatorType[];

/** The kind named `type` among `kinds`; undefined when none is. */
export function paginatorKind(type: string, kinds: readonly PaginatorKind[] = paginatorKinds): PaginatorKind | undefined {
  return kinds.find((kind) => kind.type === type);
}

/** Builds the paginator for `spec`; throws ConfigError for an unknown type or an unusable spec. */
export function createPaginator(spec: { readonly type: string }, kinds: readonly PaginatorKind[] = paginatorKinds): Paginator {
  const kind = paginatorKind(spec.type, kinds);
  if (kind === undefined) {
    throw new ConfigError("paginator spec", [
      { path: "paginator.type", message: `unknown paginator type "${spec.type}"; valid types: ${kinds.map((k) => k.type).join(", ")}` },
    ]);
  }
  return kind.create(spec);
}

/** The query params a paginator config (dlt's keys) writes, its defaults applied; empty when it is not a valid config of a known kind. */
export function paginatorParams(config: unknown, kinds: readonly PaginatorKind[] = paginatorKinds): string[] {
  const type = typeof config === "string" ? config : typeof config === "object" && config !== null && "type" in config ? config.type : undefined;
  const kind = typeof type === "string" ? paginatorKind(type, kinds) : undefined;
  if (kind === undefined) return [];
  const parsed = kindObject(kind).safeParse(typeof config === "string" ? { type } : config);
  const spec = parsed.success ? kind.resolve(parsed.data as KindConfig<string, PaginatorKind["grammar"]>) : { error: "invalid" };
  return "error" in spec ? [] : Object.keys(kind.writes(spec));
}
