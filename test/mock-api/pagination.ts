// Renders one page of records for each pagination style the mock API can speak.
import { recordRange, type RecordSource } from "./records.ts";
import { errorResponse, jsonResponse, type MockResponse } from "./responses.ts";

export type PaginationMode = "offset" | "page_number" | "cursor" | "json_link" | "header_link" | "header_cursor" | "single_page";

export const PAGINATION_MODES: readonly PaginationMode[] = ["offset", "page_number", "cursor", "json_link", "header_link", "header_cursor", "single_page"];

/** The largest page the server hands out; larger `limit`/`page_size` values are clamped to it. */
export const MAX_LIMIT = 100;

export interface PageContext {
  /** Paging parameters: the URL query, overlaid with the fields of a POST JSON body. */
  params: Readonly<Record<string, string>>;
  source: RecordSource;
  /** Absolute URL of the resource, used to build next links. */
  resourceUrl: string;
  /** Token and link modes: the next pointer never ends and repeats the current one. */
  repeatCursor: boolean;
  /** Link modes: the next link to hand out instead of our own (to test origin checks). */
  foreignNextLink: string | undefined;
}

class BadRequest extends Error {}

function intParam(params: Readonly<Record<string, string>>, name: string, fallback: number, min: number): number {
  const raw = params[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^-?\d+$/.test(raw)) throw new BadRequest(`${name} must be an integer`);
  const value = Number(raw);
  if (value < min) throw new BadRequest(`${name} must be >= ${min}`);
  return value;
}

function limitParam(params: Readonly<Record<string, string>>, name: string): number {
  return Math.min(intParam(params, name, MAX_LIMIT, 1), MAX_LIMIT);
}

/** The opaque cursor token for a record offset (base64url of a small JSON object). */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64url");
}

/** The record offset in a cursor token, or undefined when the token is not one of ours. */
export function decodeCursor(token: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || !("offset" in parsed)) return undefined;
    const offset = parsed.offset;
    return typeof offset === "number" && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

interface Slice {
  offset: number;
  limit: number;
  /** Offset of the next page, or undefined on the last page. */
  next: number | undefined;
}

function slice(ctx: PageContext, offset: number, limit: number): Slice {
  if (ctx.repeatCursor) return { offset, limit, next: offset > 0 ? offset : offset + limit };
  return { offset, limit, next: offset + limit < ctx.source.count ? offset + limit : undefined };
}

function cursorWindow(ctx: PageContext): Slice {
  const token = ctx.params["cursor"];
  const limit = limitParam(ctx.params, "limit");
  if (token === undefined || token === "") return slice(ctx, 0, limit);
  const offset = decodeCursor(token);
  if (offset === undefined) throw new BadRequest("invalid cursor");
  return slice(ctx, offset, limit);
}

function offsetWindow(ctx: PageContext): Slice {
  return slice(ctx, intParam(ctx.params, "offset", 0, 0), limitParam(ctx.params, "limit"));
}

function linkTo(ctx: PageContext, offset: number, limit: number): string {
  const url = new URL(ctx.resourceUrl);
  for (const [name, value] of Object.entries(ctx.params)) url.searchParams.set(name, value);
  url.searchParams.set("offset", String(offset));
  url.searchParams.set("limit", String(limit));
  return url.href;
}

function nextLink(ctx: PageContext, win: Slice): string | null {
  if (win.next === undefined) return null;
  return ctx.foreignNextLink ?? linkTo(ctx, win.next, win.limit);
}

function rows(ctx: PageContext, win: Slice): unknown[] {
  return recordRange(ctx.source, win.offset, win.offset + win.limit);
}

function renderMode(mode: PaginationMode, ctx: PageContext): MockResponse {
  switch (mode) {
    case "offset": {
      const win = offsetWindow(ctx);
      return jsonResponse(200, { data: rows(ctx, win), total: ctx.source.count, offset: win.offset, limit: win.limit });
    }
    case "page_number": {
      const page = intParam(ctx.params, "page", 1, 1);
      const size = limitParam(ctx.params, "page_size");
      const data = recordRange(ctx.source, (page - 1) * size, page * size);
      return jsonResponse(200, { data, page, total_pages: Math.ceil(ctx.source.count / size) });
    }
    case "cursor": {
      const win = cursorWindow(ctx);
      const next = win.next === undefined ? null : encodeCursor(win.next);
      return jsonResponse(200, { data: rows(ctx, win), next_cursor: next });
    }
    case "header_cursor": {
      const win = cursorWindow(ctx);
      const headers: Record<string, string> = win.next === undefined ? {} : { "x-next-cursor": encodeCursor(win.next) };
      return jsonResponse(200, { data: rows(ctx, win) }, headers);
    }
    case "json_link": {
      const win = offsetWindow(ctx);
      return jsonResponse(200, { data: rows(ctx, win), next: nextLink(ctx, win) });
    }
    case "header_link": {
      const win = offsetWindow(ctx);
      const next = nextLink(ctx, win);
      const lastOffset = Math.max(0, Math.floor((ctx.source.count - 1) / win.limit) * win.limit);
      const last = linkTo(ctx, lastOffset, win.limit);
      const headers: Record<string, string> = next === null ? {} : { link: `<${next}>; rel="next", <${last}>; rel="last"` };
      return jsonResponse(200, rows(ctx, win), headers);
    }
    case "single_page":
      return jsonResponse(200, { data: recordRange(ctx.source, 0, ctx.source.count) });
  }
}

/** Renders the page the request's paging parameters ask for; bad parameters give a 400. */
export function renderPage(mode: PaginationMode, ctx: PageContext): MockResponse {
  try {
    return renderMode(mode, ctx);
  } catch (error) {
    if (error instanceof BadRequest) return errorResponse(400, "bad_request", error.message);
    throw error;
  }
}
