// `preview --write-columns`: the inferred column hints written into the config file, in place, and a
// report of what was added, filled in or kept. Nothing is written when the config is YAML (its hints are
// printed to add by hand), when nothing is new, or when the edited text would not validate.
import { readFileSync, writeFileSync } from "node:fs";
import { UsageError } from "../../../runtime/errors.ts";
import { inferColumns } from "../../../runtime/preview/infer-columns.ts";
import type { PreviewResult } from "../../../runtime/preview/run-preview.ts";
import { loadModel } from "../../input/from-text.ts";
import { readSpec } from "../read-spec.ts";
import { displayPath } from "../paths.ts";
import { applyHints, existingHints, planHints, type ResourceHints } from "./hint-edits.ts";
import { parseLocated } from "./json-positions.ts";
import { schemaFields } from "./spec-check.ts";

interface Writable {
  write(text: string): unknown;
}

function report(plans: readonly ResourceHints[]): string[] {
  return plans.flatMap((p) => [
    ...p.add.map(([field, hint]) => `  added ${p.resource}.columns.${field} ${JSON.stringify(hint)}`),
    ...p.setType.map(([field, type]) => `  filled in ${p.resource}.columns.${field}.data_type ${JSON.stringify(type)}`),
    ...p.kept.map((line) => `  ${line}`),
  ]);
}

/** Writes the hints `result`'s records support into `configPath`; returns the report lines it printed. */
export function writeColumns(configPath: string, result: PreviewResult, out: Writable): void {
  const source = displayPath(configPath);
  const text = readFileSync(configPath, "utf8");
  const config = JSON.parse(text) as { resources?: unknown[]; resource_defaults?: unknown; openapi?: unknown };
  const resources = config.resources ?? [];
  const plans: ResourceHints[] = [];
  for (const preview of result.resources) {
    if (!preview.chosen || preview.records.length === 0) continue;
    const index = resources.findIndex((r) => (typeof r === "string" ? r : (r as { name?: unknown }).name) === preview.resource.name);
    if (index < 0) continue;
    // A spec-backed resource: the spec types the fields it names; only the others get hints.
    const typed = config.openapi === undefined ? new Set<string>() : schemaFields(preview);
    const inferred = inferColumns(preview.records).filter((c) => !typed.has(c.field));
    plans.push(planHints(index, preview.resource.name, inferred, existingHints(resources[index], config.resource_defaults)));
  }
  const lines = report(plans);
  const edits = plans.filter((p) => p.add.length > 0 || p.setType.length > 0);
  if (edits.length === 0) {
    out.write(`${source}: no column hints to add${lines.length === 0 ? "" : `:\n${lines.join("\n")}`}\n`);
    return;
  }
  if (/\.ya?ml$/i.test(configPath)) {
    throw new UsageError(`${source}: --write-columns edits JSON configs only; add these hints to its resources' columns by hand:\n${lines.join("\n")}`);
  }
  const edited = applyHints(text, parseLocated(text), edits);
  // The edit only adds hints the config grammar accepts; checked anyway, so a bad edit never reaches the file.
  loadModel(edited, source, readSpec);
  writeFileSync(configPath, edited);
  out.write(`${source}: wrote column hints (regenerate to type them: npx gen-connector ${source}):\n${lines.join("\n")}\n`);
}
