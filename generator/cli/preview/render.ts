// The preview as a person reads it: per resource, its requests with what paging decided, a few records
// as a table, and the columns the records suggest next to those declared.
import { joinIdentifiers, normalizeIdentifier } from "../../../runtime/normalize/identifier.ts";
import type { PreviewResult, ResourcePreview } from "../../../runtime/preview/run-preview.ts";
import { type InferredColumn, inferColumns } from "../../../runtime/preview/infer-columns.ts";
import { decisionLines, pageNotes } from "./paging.ts";
import { specDisagreements } from "./spec-check.ts";
import { cell, textTable } from "./text-table.ts";

export interface RenderLimits {
  /** Records shown per resource. */
  readonly samples: number;
  /** Requests listed per resource. */
  readonly requests: number;
  /** Record fields shown as table columns. */
  readonly fields: number;
  /** Generated from an OpenAPI spec: report where the records disagree with it. */
  readonly specBacked: boolean;
}

export const DEFAULT_RENDER: RenderLimits = { samples: 5, requests: 12, fields: 8, specBacked: false };

function requestLines(preview: ResourcePreview, limits: RenderLimits): string[] {
  const paginator = preview.detected?.paginator ?? preview.resource.endpoint.paginator;
  const notes = new Map<number, string>();
  for (const sequence of preview.sequences) for (const [at, note] of pageNotes(preview, sequence, paginator)) notes.set(at, note);
  const rows = preview.exchanges.slice(0, limits.requests).map((exchange, i) => {
    const status = exchange.response === null ? `failed: ${exchange.failure ?? "no response"}` : `${exchange.response.status}`;
    const failed = exchange.response !== null && exchange.response.status >= 300;
    const note =
      notes.get(i) ??
      (failed ? `body: ${cell(exchange.response?.body.trim(), 200)}` : exchange.response === null ? "" : "read ahead, not used: the preview stopped");
    return [`${i + 1}`, exchange.request.method, exchange.request.url, status, `${Math.round(exchange.ms)} ms`, note];
  });
  const more = preview.exchanges.length - rows.length;
  return [...textTable(rows, "    "), ...(more > 0 ? [`    … ${more} more request${more === 1 ? "" : "s"} (--json lists all)`] : [])];
}

function recordLines(preview: ResourcePreview, limits: RenderLimits): string[] {
  const samples = preview.records
    .slice(0, limits.samples)
    .filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null && !Array.isArray(r));
  const fields = [...new Set(samples.flatMap((r) => Object.keys(r)))];
  const shown = fields.slice(0, limits.fields);
  const rows = [shown, ...samples.map((r) => shown.map((f) => cell(r[f], 24)))];
  const hidden = fields.length - shown.length;
  return [
    ...textTable(rows, "    "),
    ...(hidden > 0 ? [`    (+${hidden} more field${hidden === 1 ? "" : "s"}: ${fields.slice(limits.fields).join(", ")})`] : []),
  ];
}

/** What the loader does with a field that is not a scalar. */
function nestedNote(table: string, column: InferredColumn): string {
  if (column.nested === "list") return `list: becomes the nested table ${joinIdentifiers(table, normalizeIdentifier(column.field))}`;
  if (column.nested === "object") return `object: flattened into ${normalizeIdentifier(column.field)}__* columns`;
  return column.dataType === null ? "only null: type unknown" : "";
}

/** The inferred columns next to the declared ones (declared but unseen ones listed too). */
export function columnLines(preview: ResourcePreview): string[] {
  const { table } = preview.resource;
  const declared = new Map(table.columns.map((c) => [c.name, c]));
  const inferred = inferColumns(preview.records);
  const total = preview.records.length;
  const rows = [["field", "inferred", "declared", "seen", "nulls", "note"]];
  for (const column of inferred) {
    const known = declared.get(normalizeIdentifier(column.field));
    declared.delete(normalizeIdentifier(column.field));
    const type = column.dataType ?? column.nested ?? "unknown";
    const declaredText = known === undefined ? "-" : `${known.dataType}${known.nullable ? "" : " not null"}`;
    const differs = known !== undefined && column.dataType !== null && known.dataType !== column.dataType ? `differs from the declared ${known.dataType}` : "";
    const kinds = column.kinds.filter((k) => k !== "null");
    const mixed = kinds.length > 1 ? `seen as ${kinds.join(", ")}` : "";
    rows.push([
      column.field,
      type,
      declaredText,
      `${column.seen}/${total}`,
      `${column.nulls}`,
      [differs, mixed, nestedNote(table.name, column)].filter((n) => n !== "").join("; "),
    ]);
  }
  for (const column of declared.values()) rows.push([column.name, "-", column.dataType, `0/${total}`, "-", "declared, not seen in these records"]);
  return textTable(rows, "    ");
}

/** The whole report. */
export function renderPreview(result: PreviewResult, limits: RenderLimits = DEFAULT_RENDER): string {
  const lines: string[] = [];
  for (const preview of result.resources) {
    const { resource } = preview;
    const parent = resource.parent === null ? "" : `, child of ${resource.parent.resource}`;
    lines.push(`${resource.name} (${resource.endpoint.method} ${resource.endpoint.path}${parent}${preview.chosen ? "" : ", only feeding its children"})`);
    lines.push(...decisionLines(preview).map((l) => `  ${l}`));
    lines.push(`  requests (${preview.exchanges.length}):`, ...requestLines(preview, limits));
    const sequences = resource.parent === null ? "" : ` from ${preview.sequences.length} parent record${preview.sequences.length === 1 ? "" : "s"}`;
    lines.push(`  records: ${preview.records.length}${sequences}${preview.records.length > limits.samples ? ` (first ${limits.samples} shown)` : ""}`);
    if (preview.records.length > 0) lines.push(...recordLines(preview, limits));
    const disagreements = limits.specBacked && preview.records.length > 0 ? specDisagreements(preview) : [];
    if (disagreements.length > 0) lines.push("  WARNING: the records disagree with the OpenAPI spec:", ...disagreements.map((l) => `    ${l}`));
    if (preview.invalid.count > 0 && !limits.specBacked) {
      lines.push(
        `  WARNING: ${preview.invalid.count} record${preview.invalid.count === 1 ? "" : "s"} failed the connector's schema (a sync would stop or quarantine them):`,
      );
      lines.push(...preview.invalid.first.map((m) => `    ${m}`));
    }
    lines.push(`  columns (inferred from ${preview.records.length} records):`, ...columnLines(preview), "");
  }
  return lines.join("\n");
}
