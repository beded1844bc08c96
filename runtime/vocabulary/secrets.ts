// Names whose values look like credentials: masked in redacted URLs (dlt's list) and in config error messages.
import { nameList } from "./names.ts";

/** Query param and config key names whose values are always masked (`api-key` and `apiKey` match `api_key`). */
export const SECRET_NAMES = nameList("api_key", "token", "key", "access_token", "secret", "password", "pwd", "client_secret", "client_id", "username");
