// Which progress a sync prints on stderr: a live region on a terminal, plain lines elsewhere (CI logs),
// JSON lines with --log-format json, only warnings with --quiet.
import type { SyncObserver } from "../../../runtime/sync/observer.ts";
import { jsonReporter } from "../../../runtime/sync/progress/json.ts";
import { progressReporter, warningsReporter } from "../../../runtime/sync/progress/plain.ts";
import type { TerminalStream } from "./live.ts";

export type LogFormat = "text" | "json";

export interface Progress {
  readonly observer: SyncObserver;
  /** Whether the summary table follows (text, not quiet). */
  readonly summary: boolean;
  /** Stops redrawing and removes a live region (call once the sync ended, either way). */
  close(): void;
}

/**
 * The progress for the flags and the stream (stderr): live when it is a terminal. The live region's
 * modules (log-update and its dozen packages, ~0.1 CPU s) load only then, not for logs and CI.
 */
export async function chooseProgress(
  flags: { readonly quiet: boolean; readonly logFormat: LogFormat },
  stream: TerminalStream = process.stderr,
): Promise<Progress> {
  const none = () => undefined;
  if (flags.logFormat === "json") return { observer: jsonReporter(stream), summary: false, close: none };
  if (flags.quiet) return { observer: warningsReporter(stream), summary: false, close: none };
  // A terminal of no size (a pseudo-terminal nobody sized, as some CI runners give) cannot hold a live region.
  if (stream.isTTY !== true || !(Number(stream.columns) > 0) || !(Number(stream.rows) > 0))
    return { observer: progressReporter(stream), summary: true, close: none };
  const { liveReporter } = await import("./live.ts");
  const live = liveReporter(stream, undefined, { hideCursor: true });
  // Elapsed times and rates move between events too (a slow page, a long commit).
  const ticker = setInterval(() => live.tick(), 1_000);
  ticker.unref();
  return {
    observer: live,
    summary: true,
    close() {
      clearInterval(ticker);
      live.close();
    },
  };
}
