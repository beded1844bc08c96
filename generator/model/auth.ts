// Resolves an auth config into an AuthSpec through the runtime's auth registry (each kind applies
// dlt's defaults); a `custom` $hook becomes a reference to the user's Auth.
import { authKind, authKinds, type AuthKind } from "../../runtime/auth/index.ts";
import type { AuthSpec } from "../../runtime/connector.ts";
import { ConfigError } from "../../runtime/errors.ts";
import type { Auth } from "../../runtime/hooks.ts";
import { HookRef } from "./hook.ts";

/** Applies dlt's defaults to a validated auth config; throws ConfigError for a kind not in `kinds` (validation refuses it first). */
export function resolveAuth(config: { readonly type: string } & Readonly<Record<string, unknown>>, kinds: readonly AuthKind[] = authKinds): AuthSpec {
  if (config.type === "custom") return { type: "custom", auth: HookRef.parse(config as { readonly type: "custom"; readonly $hook: string }).as<Auth>() };
  const kind = authKind(config.type, kinds);
  if (kind === undefined) throw new ConfigError("auth config", [{ path: "auth.type", message: `unknown auth type "${config.type}"` }]);
  // The built-in kinds resolve to AuthSpec members (auth/index.ts checks the two agree); a kind added
  // to `kinds` alone resolves to its own spec, which the runtime hands back to that kind.
  return kind.resolve(config) as AuthSpec;
}
