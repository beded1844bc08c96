// Resolves a paginator config into a fully defaulted PaginatorSpec (dlt's defaults).
import type { Paginator } from "../../runtime/paginators/paginator.ts";
import type { CustomPaginatorSpec, PaginatorSpec } from "../../runtime/spec.ts";
import { HookRef } from "./hook.ts";
import type { PaginatorConfig } from "../config/schema.ts";

/** Applies dlt's defaults; returns an error message when the paginator could never stop. */
export function resolvePaginator(config: Exclude<PaginatorConfig, "auto" | { type: "auto" }>): PaginatorSpec | CustomPaginatorSpec | { error: string } {
  const c = typeof config === "string" ? { type: config } : config;
  for (const name of ["offset", "limit", "page", "cursor"]) {
    if (`${name}_param` in c && `${name}_body_path` in c) return { error: `either '${name}_param' or '${name}_body_path' must be provided, not both` };
  }
  switch (c.type) {
    case "single_page":
      return { type: "single_page" };
    case "custom":
      return { type: "custom", paginator: HookRef.parse(c as { $hook: string }).as<Paginator>() };
    case "json_link":
      return { type: "json_link", nextUrlPath: ("next_url_path" in c && c.next_url_path) || "next" };
    case "header_link":
      return { type: "header_link", linksNextKey: ("links_next_key" in c && c.links_next_key) || "next" };
    case "header_cursor":
      return {
        type: "header_cursor",
        cursorKey: ("cursor_key" in c && c.cursor_key) || "next",
        cursorParam: ("cursor_param" in c && c.cursor_param) || "cursor",
      };
    case "cursor":
      return {
        type: "cursor",
        cursorPath: ("cursor_path" in c && c.cursor_path) || "cursors.next",
        cursorParam: ("cursor_param" in c && c.cursor_param) || "cursor",
        stopAfterEmptyPage: ("stop_after_empty_page" in c && c.stop_after_empty_page) || false,
        hasMorePath: ("has_more_path" in c && c.has_more_path) || null,
        ...("cursor_body_path" in c && c.cursor_body_path ? { cursorBodyPath: c.cursor_body_path } : {}),
      };
    case "offset": {
      const spec: PaginatorSpec = {
        type: "offset",
        limit: c.limit,
        offset: c.offset ?? 0,
        offsetParam: c.offset_param ?? "offset",
        limitParam: c.limit_param ?? "limit",
        totalPath: c.total_path === undefined ? "total" : c.total_path,
        maximumOffset: c.maximum_offset ?? null,
        stopAfterEmptyPage: c.stop_after_empty_page ?? true,
        hasMorePath: c.has_more_path ?? null,
        ...(c.offset_body_path ? { offsetBodyPath: c.offset_body_path } : {}),
        ...(c.limit_body_path ? { limitBodyPath: c.limit_body_path } : {}),
      };
      return canStop(spec) ? spec : { error: "offset paginator can never stop: set total_path, maximum_offset, has_more_path or stop_after_empty_page" };
    }
    case "page_number": {
      const base = "base_page" in c ? c.base_page ?? 0 : 0;
      const spec: PaginatorSpec = {
        type: "page_number",
        basePage: base,
        page: ("page" in c && c.page) || base,
        pageParam: ("page_param" in c && c.page_param) || "page",
        totalPath: "total_path" in c && c.total_path !== undefined ? c.total_path : "total",
        maximumPage: ("maximum_page" in c && c.maximum_page) || null,
        stopAfterEmptyPage: "stop_after_empty_page" in c && c.stop_after_empty_page !== undefined ? c.stop_after_empty_page : true,
        hasMorePath: ("has_more_path" in c && c.has_more_path) || null,
        ...("page_body_path" in c && c.page_body_path ? { pageBodyPath: c.page_body_path } : {}),
      };
      return canStop(spec) ? spec : { error: "page_number paginator can never stop: set total_path, maximum_page, has_more_path or stop_after_empty_page" };
    }
  }
}

function canStop(spec: Extract<PaginatorSpec, { type: "offset" | "page_number" }>): boolean {
  const maximum = spec.type === "offset" ? spec.maximumOffset : spec.maximumPage;
  return spec.totalPath !== null || maximum !== null || spec.hasMorePath !== null || spec.stopAfterEmptyPage;
}
