// Resolves an auth config into an AuthSpec with dlt's defaults.
import type { Auth } from "../../runtime/auth/auth.ts";
import type { AuthSpec } from "../../runtime/connector.ts";
import { HookRef } from "./hook.ts";
import type { AuthConfig } from "../config/schema.ts";

/** api_key defaults to the `Authorization` header; location `param` means the query string. */
export function resolveAuth(config: AuthConfig): AuthSpec {
  switch (config.type) {
    case "api_key":
      return {
        type: "api_key",
        name: config.name ?? "Authorization",
        location: config.location === "param" ? "query" : (config.location ?? "header"),
        apiKey: config.api_key,
      };
    case "bearer":
      return { type: "bearer", token: config.token };
    case "http_basic":
      return { type: "http_basic", username: config.username, password: config.password };
    case "oauth2_client_credentials":
      return {
        type: "oauth2_client_credentials",
        accessTokenUrl: config.access_token_url,
        clientId: config.client_id,
        clientSecret: config.client_secret,
        accessTokenRequestData: config.access_token_request_data ?? {},
        defaultTokenExpiration: config.default_token_expiration ?? 3600,
      };
    case "custom":
      return { type: "custom", auth: HookRef.parse(config).as<Auth>() };
  }
}
