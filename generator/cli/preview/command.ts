// `gen-connector preview <config|generated dir>`: the connector's requests without a destination, and
// what they returned, on stdout (a report, or JSON with --json). Exit codes as `sync`.
import { stringifyJson } from "../../../runtime/json/stringify.ts";
import { inferColumns } from "../../../runtime/preview/infer-columns.ts";
import { runPreview, type PreviewResult } from "../../../runtime/preview/run-preview.ts";
import { withParams } from "../../../runtime/interpolate/params.ts";
import type { Command } from "../args.ts";
import { UsageError } from "../../../runtime/errors.ts";
import { writeRecording } from "../../../runtime/fixtures/recording.ts";
import { displayPath } from "../paths.ts";
import { loadPreviewed } from "./load.ts";
import { recordingOf } from "./record.ts";
import { withGenerationTools } from "../generation-tools.ts";
import { paginatorText } from "./paging.ts";
import { DEFAULT_RENDER, renderPreview } from "./render.ts";

export type PreviewCommand = Extract<Command, { kind: "preview" }>;

/** Default limits: pages per request sequence, records per resource. */
export const PREVIEW_DEFAULTS = { maxPages: 2, maxRecords: 100 } as const;

/** The preview as JSON: every request, page decision input, record kept and inferred column. */
export function previewJson(result: PreviewResult): unknown {
  return {
    resources: result.resources.map((p) => ({
      resource: p.resource.name,
      chosen: p.chosen,
      paginator: paginatorText(p.detected?.paginator ?? p.resource.endpoint.paginator),
      dataSelector: p.detected?.dataSelector ?? p.resource.endpoint.dataSelector,
      ...(p.detected === undefined ? {} : { detected: { reasons: p.detected.reasons, confident: p.detected.confident } }),
      requests: p.exchanges.map((e) => ({
        method: e.request.method,
        url: e.request.url,
        status: e.response?.status ?? null,
        ms: Math.round(e.ms),
        ...(e.failure === undefined ? {} : { failure: e.failure }),
      })),
      sequences: p.sequences.map((s) => ({ pages: s.pages.map((page) => page.records), end: s.end })),
      records: p.records,
      invalid: p.invalid,
      columns: inferColumns(p.records),
    })),
    ...(result.error === undefined ? {} : { error: result.error.message }),
  };
}

/** Runs the preview and prints it; a failed request ends it with the sync's exit code (1) after the report. */
export async function previewCommand(command: PreviewCommand): Promise<void> {
  const { connector: loaded, config, specBacked } = await loadPreviewed(command.target);
  if (command.writeColumns && config === undefined) {
    throw new UsageError("--write-columns writes into the config: give preview the config file, not the generated directory");
  }
  // Parameters bound once: the recording then holds the base URL the requests really used.
  const connector = withParams(loaded, { params: command.params });
  const result = await runPreview(connector, {
    ...(command.resources.length === 0 ? {} : { resources: command.resources }),
    ...(command.baseUrl === undefined ? {} : { baseUrl: command.baseUrl }),
    // A recording is for replaying whole syncs: unless limits are given, it records everything.
    maxPages: command.maxPages === undefined ? (command.record === undefined ? PREVIEW_DEFAULTS.maxPages : null) : command.maxPages,
    maxRecords: command.maxRecords === undefined ? (command.record === undefined ? PREVIEW_DEFAULTS.maxRecords : null) : command.maxRecords,
  });
  if (command.record !== undefined) {
    const recording = recordingOf(connector, command.baseUrl, result);
    const path = writeRecording(command.record, recording);
    process.stderr.write(
      `recorded ${recording.exchanges.length} exchanges, secrets masked, in ${displayPath(path)} (replay: gen-connector sync <generated dir> --replay ${displayPath(command.record)})\n`,
    );
  }
  process.stdout.write(command.json ? `${stringifyJson(previewJson(result))}\n` : `${renderPreview(result, { ...DEFAULT_RENDER, specBacked })}\n`);
  if (result.error !== undefined) throw result.error;
  if (command.writeColumns && config !== undefined) {
    const { writeColumns } = await withGenerationTools("preview --write-columns", () => import("./write-columns.ts"));
    writeColumns(config, result, process.stderr);
  }
}
