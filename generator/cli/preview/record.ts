// `preview --record DIR`: the preview's exchanges as a recording, every one redacted by the resource's
// own redactor (which by then knows each secret and token the run used).
import type { ConnectorSpec } from "../../../runtime/connector.ts";
import type { Recording } from "../../../runtime/fixtures/recording.ts";
import type { PreviewResult } from "../../../runtime/preview/run-preview.ts";

function stable(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !VOLATILE.has(name)));
}

/** The base URL without userinfo (the only place a URL of the config may carry credentials). */
function withoutUserinfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.href.replace(/\/$/, url.endsWith("/") ? "/" : "");
  } catch {
    return url;
  }
}

/** Response headers that change on every request and mean nothing to a replay: left out, so a re-recording diffs cleanly. */
const VOLATILE = new Set(["date", "connection", "keep-alive", "transfer-encoding", "age", "x-request-id"]);

/** The recording of `result`: responses only (a request that got none cannot be replayed), in request order per resource. */
export function recordingOf(connector: ConnectorSpec, baseUrl: string | undefined, result: PreviewResult): Recording {
  return {
    connector: connector.name,
    baseUrl: withoutUserinfo(baseUrl ?? connector.client.baseUrl),
    exchanges: result.resources.flatMap((preview) =>
      preview.raw
        .filter((exchange) => exchange.response !== null)
        .map((exchange) => {
          const { ms: _ms, ...redacted } = preview.redact(exchange);
          const response = redacted.response === null ? null : { ...redacted.response, headers: stable(redacted.response.headers) };
          return { resource: preview.resource.name, ...redacted, response };
        }),
    ),
  };
}
