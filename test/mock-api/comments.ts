// Child resource of the mock API: comments of one ticket at /v1/resource/<id>/comments, offset-paged.
import { errorResponse, jsonResponse, type MockResponse } from "./responses.ts";

/** Comments per ticket. */
export const COMMENTS_PER_TICKET = 3;
export const COMMENTS_PATH = /^\/v1\/resource\/([^/]+)\/comments$/;

/** One comment, derived from the ticket id and its index. */
export function makeComment(ticketId: number, index: number): { id: string; ticket_id: number; author: { name: string }; body: string } {
  return {
    id: `${ticketId}-${index + 1}`,
    ticket_id: ticketId,
    author: { name: `Agent ${(ticketId + index) % 7}` },
    body: `Reply ${index + 1} to ticket ${ticketId}`,
  };
}

/** The page of comments the query asks for (`offset`, `limit`, default limit 2); 404 for unknown tickets. */
export function renderComments(rawId: string, records: number, query: Record<string, string>): MockResponse {
  const ticketId = Number(rawId);
  if (!Number.isInteger(ticketId) || ticketId < 1 || ticketId > records) return errorResponse(404, "not_found", `no ticket ${rawId}`);
  const offset = Number(query.offset ?? 0);
  const limit = Number(query.limit ?? 2);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) return errorResponse(400, "bad_request");
  const end = Math.min(offset + limit, COMMENTS_PER_TICKET);
  const data = [];
  for (let i = offset; i < end; i++) data.push(makeComment(ticketId, i));
  return jsonResponse(200, { data, total: COMMENTS_PER_TICKET, offset, limit });
}
