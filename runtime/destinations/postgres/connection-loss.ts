// Whether a Postgres error is the connection or the server going away (a restart, a failover, a network
// cut) rather than something wrong with the work: callers that poll may wait and try again.

/** SQLSTATEs of a server shutting down or refusing connections for now, and of class 08 (connection exception). */
const SERVER_GONE = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);
/** Socket errors of a connection refused, reset or timed out. */
const SOCKET_GONE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/** True when `error`, or an error it wraps (`cause`), says the connection or the server went away. */
export function isConnectionLoss(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === "string" && (SERVER_GONE.has(code) || SOCKET_GONE.has(code))) return true;
    if (/Connection terminated unexpectedly|Connection terminated due to connection timeout/.test(e.message)) return true;
  }
  return false;
}

/**
 * What a wrapping error may keep of a connection loss as its `cause`: only its code, so a message that
 * could hold a URL is never carried along; undefined for any other error.
 */
export function connectionCause(error: unknown): Error | undefined {
  if (!isConnectionLoss(error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return Object.assign(new Error("the connection or the server went away"), { code: typeof code === "string" ? code : "08006" });
}
