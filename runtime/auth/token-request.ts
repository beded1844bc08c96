// The OAuth2 token request: a form POST with a timeout per attempt and retries on 429/5xx/network errors.
import { HttpError, NetworkError, ResponseBodyError, type GenConnectorError, type RequestContext } from "../errors.ts";
import type { Clock } from "../http/clock.ts";
import { readBody } from "../http/read-body.ts";
import { retryDelayMs } from "../http/retry.ts";
import { redactError } from "../secrets/redact-error.ts";
import type { Redactor } from "../secrets/redactor.ts";
import type { RetrySpec } from "../connector.ts";

/** A token response is a few hundred bytes: anything past this is refused while it streams. */
const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

/** Everything one token request needs; `form` holds the client secret and is never shown. */
export interface TokenRequestConfig {
  readonly url: URL;
  readonly form: URLSearchParams;
  readonly fetch: typeof fetch;
  readonly clock: Clock;
  readonly retry: RetrySpec;
  readonly timeoutSeconds: number;
  readonly redactor: Redactor;
}

/** A token from a successful response; `expiresInSeconds` is null when absent or unusable. */
export interface TokenGrant {
  readonly accessToken: string;
  readonly expiresInSeconds: number | null;
}

type Outcome =
  | { readonly kind: "ok"; readonly grant: TokenGrant }
  | { readonly kind: "fatal"; readonly error: GenConnectorError }
  | {
      readonly kind: "retry";
      readonly error: GenConnectorError;
      readonly status?: { readonly code: number; readonly text: string; readonly retryAfter: string | null };
    };

/** The `resource` part of token request errors, e.g. `oauth2 token request: POST <url> failed with HTTP 400`. */
export const TOKEN_REQUEST = "oauth2 token request";
const PREVIEW_CHARS = 500;

/** POSTs the form and returns the token (registered with the redactor at once); throws redacted errors. */
export async function requestToken(config: TokenRequestConfig, signal?: AbortSignal): Promise<TokenGrant> {
  const { retry, clock, redactor } = config;
  const maxAttempts = 1 + Math.max(0, retry.maxRetries);
  for (let attempt = 1; ; attempt++) {
    const context: RequestContext = { resource: TOKEN_REQUEST, method: "POST", url: redactor.redactUrl(config.url), attempts: attempt };
    signal?.throwIfAborted();
    const outcome = await attemptOnce(config, context, signal);
    if (outcome.kind === "ok") return outcome.grant;
    if (outcome.kind === "fatal" || attempt >= maxAttempts) throw outcome.error;
    const delay = retryDelayMs(attempt, retry, outcome.status?.retryAfter ?? null, clock.now());
    if ("tooLong" in delay) {
      const why = `Retry-After asks to wait ${delay.tooLong.requestedMs / 1000} s, above the max_delay cap of ${delay.tooLong.capMs / 1000} s; not waiting`;
      throw new HttpError(context, outcome.status?.code ?? 0, outcome.status?.text ?? "", why);
    }
    await clock.sleep(delay.waitMs, signal);
  }
}

/** One attempt, bounded by the timeout from the start of fetch to the end of the body. */
async function attemptOnce(config: TokenRequestConfig, context: RequestContext, signal: AbortSignal | undefined): Promise<Outcome> {
  const { redactor, timeoutSeconds } = config;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutSeconds * 1000);
  const cancel = () => controller.abort();
  signal?.addEventListener("abort", cancel, { once: true });
  try {
    const headers = { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "gen-connector" };
    const init: RequestInit = { method: "POST", headers, body: config.form.toString(), redirect: "manual", signal: controller.signal };
    const response = await config.fetch(config.url.href, init);
    const read = await readBody(response, MAX_TOKEN_RESPONSE_BYTES);
    if (!read.ok) {
      controller.abort();
      return { kind: "fatal", error: new ResponseBodyError(context, `token response refused: ${read.problem}`) };
    }
    return classify(response, new TextDecoder().decode(read.bytes), context, redactor);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const reason = controller.signal.aborted
      ? `timed out after ${timeoutSeconds} s without a complete response`
      : `network error: ${redactor.redact(error instanceof Error ? error.message : String(error))}`;
    return { kind: "retry", error: new NetworkError(context, reason, { cause: redactError(error, redactor) }) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", cancel);
  }
}

/** 2xx → the grant (or a body error, never retried); 429/5xx → retry; anything else fails at once. */
function classify(response: Response, text: string, context: RequestContext, redactor: Redactor): Outcome {
  const { status } = response;
  const statusText = redactor.redact(response.statusText);
  if (status >= 200 && status < 300) {
    const grant = parseGrant(text, redactor);
    return "problem" in grant ? { kind: "fatal", error: new ResponseBodyError(context, grant.problem) } : { kind: "ok", grant };
  }
  const why =
    status >= 300 && status < 400
      ? "redirect not followed (the client secret stays with the configured token URL)"
      : redactor.preview(text.trim(), PREVIEW_CHARS);
  const retryable = status === 429 || status >= 500;
  const error = new HttpError(context, status, statusText, why, retryable);
  if (!retryable) return { kind: "fatal", error };
  return { kind: "retry", error, status: { code: status, text: statusText, retryAfter: response.headers.get("retry-after") } };
}

/** Reads access_token and expires_in; problems quote no body text (it may hold the token). */
function parseGrant(text: string, redactor: Redactor): TokenGrant | { readonly problem: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { problem: `token response is not JSON (${text.trim() === "" ? "empty body" : `${text.length} characters`})` };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { problem: "token response is not a JSON object" };
  const fields = body as Record<string, unknown>;
  const token = fields["access_token"];
  if (typeof token === "string" && token !== "") redactor.add(token);
  if (token === undefined || token === null) {
    const names = redactor.redact(Object.keys(fields).slice(0, 20).join(", "));
    return { problem: `token response has no access_token (fields: ${names === "" ? "none" : names})` };
  }
  if (typeof token !== "string" || token === "")
    return { problem: `token response's access_token is ${token === "" ? "empty" : `a ${typeof token}`}, expected a non-empty string` };
  return { accessToken: token, expiresInSeconds: parseExpiresIn(fields["expires_in"]) };
}

/** A positive number of seconds (numeric strings accepted); null otherwise. */
function parseExpiresIn(value: unknown): number | null {
  const seconds = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}
