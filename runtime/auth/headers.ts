// Header helpers for auth: header names compare case-insensitively, as HTTP does.
import { findHeader, type PageRequest } from "../http/request.ts";

/** A copy of `request` with header `name` set to `value`, replacing any same-named header. */
export function setHeader(request: PageRequest, name: string, value: string): PageRequest {
  const lower = name.toLowerCase();
  const headers: Record<string, string> = {};
  for (const [key, existing] of Object.entries(request.headers)) if (key.toLowerCase() !== lower) headers[key] = existing;
  headers[name] = value;
  return { ...request, headers };
}

/** A copy of `request` with cookie `name=value` appended (`; `) to any existing Cookie header. */
export function addCookie(request: PageRequest, name: string, value: string): PageRequest {
  const key = findHeader(request, "Cookie");
  const existing = key === undefined ? "" : (request.headers[key] ?? "");
  const cookie = `${name}=${value}`;
  return setHeader(request, "Cookie", existing.trim() === "" ? cookie : `${existing}; ${cookie}`);
}
