// Credential checks for each auth kind the mock API can require.
import { errorResponse, type MockResponse } from "./responses.ts";

export type MockAuth =
  | { type: "api_key_query"; name: string; value: string }
  | { type: "api_key_header"; name: string; value: string }
  | { type: "api_key_cookie"; name: string; value: string }
  | { type: "bearer"; token: string }
  | { type: "basic"; username: string; password: string };

/** What an auth check looks at: the URL query and the lower-case request headers. */
export interface Credentials {
  query: Readonly<Record<string, string>>;
  headers: Readonly<Record<string, string>>;
}

/** Parses a Cookie header into name → value (first occurrence wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

function schemeValue(header: string | undefined, scheme: string): string | undefined {
  if (header === undefined) return undefined;
  const space = header.indexOf(" ");
  if (space < 0 || header.slice(0, space).toLowerCase() !== scheme) return undefined;
  return header.slice(space + 1).trim();
}

/** True when the request carries the credential `auth` requires (always true without auth). */
export function isAuthorized(auth: MockAuth | undefined, request: Credentials): boolean {
  if (auth === undefined) return true;
  switch (auth.type) {
    case "api_key_query":
      return request.query[auth.name] === auth.value;
    case "api_key_header":
      return request.headers[auth.name.toLowerCase()] === auth.value;
    case "api_key_cookie":
      return parseCookies(request.headers["cookie"]).get(auth.name) === auth.value;
    case "bearer":
      return schemeValue(request.headers["authorization"], "bearer") === auth.token;
    case "basic": {
      const encoded = schemeValue(request.headers["authorization"], "basic");
      if (encoded === undefined) return false;
      return Buffer.from(encoded, "base64").toString("utf8") === `${auth.username}:${auth.password}`;
    }
  }
}

/** The 401 `{ "error": "unauthorized" }` response, with a challenge for bearer/basic. */
export function unauthorized(auth: MockAuth | undefined): MockResponse {
  const response = errorResponse(401, "unauthorized");
  if (auth?.type === "bearer") response.headers["www-authenticate"] = 'Bearer realm="mock"';
  if (auth?.type === "basic") response.headers["www-authenticate"] = 'Basic realm="mock"';
  return response;
}
