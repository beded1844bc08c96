// `gen-connector init`: the disk side. A new config is written as derived; an existing one is merged
// (the user's edits kept, see init/merge.ts), overwritten only with --force, and left alone
// (exit 2, showing what --force would change) when it cannot be merged safely.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../../runtime/errors.ts";
import { parseConfigText } from "../config/load.ts";
import {
  configDiff,
  configText,
  hasYamlSchemaComment,
  initConfig,
  initName,
  isYamlPath,
  laterCommentLine,
  leadingComments,
  mergeConfig,
  reportLines,
  yamlSchemaComments,
  type InitResult,
} from "../init/index.ts";
import { isObject, type Json } from "../init/schema-view.ts";
import type { LoadedSpec } from "../openapi/spec/index.ts";
import { packageRoot } from "../package-root.ts";
import type { Command } from "./args.ts";
import { mergeProblems } from "./init-checks.ts";
import { displayPath } from "./paths.ts";
import { readSpec } from "./read-spec.ts";
import { SCHEMA_IN_PACKAGE, schemaReference } from "./schema-ref.ts";

type InitCommand = Extract<Command, { kind: "init" }>;

const MAX_LISTED = 20;

function relativeTo(configPath: string, target: string): string {
  const rel = posix.relative(posix.dirname(configPath), target);
  return rel === "" ? posix.basename(target) : rel;
}

function write(out: string, text: string): void {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
}

function print(lines: readonly string[]): void {
  process.stderr.write(`${lines.join("\n")}\n`);
}

/** Derives the config; writes it, merges it into the existing file, or refuses (exit 2). */
export function initCommand(command: InitCommand): number {
  const spec = readSpec(command.spec);
  const name = initName(spec, command.name);
  const out = displayPath(command.out ?? `configs/${name}.json`);
  const yaml = isYamlPath(out);
  const schema = schemaReference(out, fileURLToPath(new URL(SCHEMA_IN_PACKAGE, packageRoot)));
  const result = initConfig(spec, { name, include: command.include, openapi: relativeTo(out, spec.source), out, ...(yaml ? {} : { schema: schema.path }) });
  const notes = schema.note === undefined ? [] : [`note: $schema: ${schema.note}`];
  const derivedText = configText(result.config, out, yaml ? yamlSchemaComments(schema.path) : []);
  if (!existsSync(out)) {
    write(out, derivedText);
    print([...result.report, ...notes, `wrote ${out}`]);
    return 0;
  }
  const text = readFileSync(out, "utf8");
  let existing: unknown;
  let unreadable: string | undefined;
  try {
    existing = parseConfigText(text, out);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    unreadable = error.issues.map((i) => i.message).join("; ");
  }
  const diff = configDiff(existing, result.config).map((c) => `  ${c}`);
  if (command.force) {
    const same = text === derivedText;
    if (!same) write(out, derivedText);
    const changes = unreadable !== undefined ? [`  (the previous file did not parse: ${unreadable})`] : diff.length === 0 ? ["  no resource changes"] : diff;
    print([
      ...result.report,
      ...notes,
      `${out}: replaced by the derived config (--force); what changed:`,
      ...changes,
      same ? `${out} is up to date` : `wrote ${out}`,
    ]);
    return 0;
  }
  const refuse = (reason: string, extra: readonly string[] = []): number => {
    print([
      ...result.report,
      `error: ${out} was left unchanged: ${reason}`,
      ...extra,
      `What --force would change (it overwrites ${out} with the config derived from the spec, losing your edits):`,
      ...(diff.length === 0 ? ["  no resource changes"] : diff),
    ]);
    return 2;
  };
  if (unreadable !== undefined) return refuse(`it does not parse (${unreadable}); fix it and re-run`);
  if (!isObject(existing) || ("resources" in existing && !Array.isArray(existing.resources))) {
    return refuse("it is not a config (expected an object with a resources list)");
  }
  return merge(command, spec, existing, result, { out, text, schema: schema.path, notes, refuse });
}

interface MergeContext {
  readonly out: string;
  readonly text: string;
  readonly schema: string;
  readonly notes: readonly string[];
  readonly refuse: (reason: string, extra?: readonly string[]) => number;
}

/** Where the config's "openapi" points, when that is a file; undefined when it names none or a missing one. */
function declaredSpec(existing: Json, out: string): string | undefined {
  if (typeof existing.openapi !== "string") return undefined;
  const path = resolve(dirname(resolve(out)), existing.openapi);
  return existsSync(path) ? path : undefined;
}

/** The added resources as YAML list items, to paste by hand into a file init will not rewrite. */
function pasteable(existing: Json, config: Json, out: string): string[] {
  const before = Array.isArray(existing.resources) ? existing.resources.length : 0;
  const added = Array.isArray(config.resources) ? config.resources.slice(before) : [];
  if (added.length === 0) return [];
  const items = configText({ resources: added }, out)
    .split("\n")
    .slice(1)
    .filter((l) => l !== "");
  return ["Add these under resources: by hand to keep your comments:", ...items];
}

/** Merges the derived config into the user's; writes it when that changes anything, or refuses. */
function merge(command: InitCommand, spec: LoadedSpec, existing: Json, result: InitResult, context: MergeContext): number {
  const { out, text, refuse } = context;
  const yaml = isYamlPath(out);
  const declared = declaredSpec(existing, out);
  if (declared !== undefined && realpathSync(declared) !== realpathSync(resolve(command.spec))) {
    return refuse(
      `it was derived from ${displayPath(declared)} (its "openapi"), not ${spec.source}; if that is a new version of the same API, point "openapi" at it first`,
    );
  }
  const merged = mergeConfig(spec, existing, result.config, {
    addMissing: command.include.length > 0,
    name: command.name,
    schema: yaml ? undefined : context.schema,
  });
  const changes = [...merged.changes];
  let config = merged.config;
  if (declared === undefined) {
    config = { ...config, openapi: result.config.openapi };
    changes.push(`~ openapi ${JSON.stringify(existing.openapi) ?? "(none)"} → ${JSON.stringify(result.config.openapi)}`);
  }
  const dataChanged = JSON.stringify(config) !== JSON.stringify(existing);
  const problems = dataChanged ? mergeProblems(existing, config, spec, out) : { added: [], existing: [] };
  if (problems.added.length > 0)
    return refuse(
      "the merged config would not validate",
      problems.added.map((p) => `  - ${p}`),
    );
  const schemaComment = yaml && existing.$schema === undefined && !hasYamlSchemaComment(text) ? yamlSchemaComments(context.schema) : [];
  const commentLine = dataChanged && yaml ? laterCommentLine(text) : undefined;
  if (commentLine !== undefined) {
    const reason = `it has # comments (line ${commentLine}) that rewriting the YAML would drop; the merge would make these changes:`;
    return refuse(reason, [...changes.map((c) => `  ${c}`), ...pasteable(existing, config, out)]);
  }
  // Unchanged data keeps the user's formatting: only a missing schema comment is put in front.
  const next = dataChanged ? configText(config, out, [...schemaComment, ...leadingComments(text)]) : `${schemaComment.map((l) => `${l}\n`).join("")}${text}`;
  if (schemaComment.length > 0) changes.push(`+ $schema comment ${JSON.stringify(context.schema)}`);
  if (next !== text) write(out, next);
  const listed = merged.notAdded.slice(0, MAX_LISTED).map((n) => `    ${n}`);
  const more = merged.notAdded.length > MAX_LISTED ? [`    … and ${merged.notAdded.length - MAX_LISTED} more`] : [];
  print([
    ...reportLines(spec, config, result.counts.gets, result.counts.lists, result.warnings),
    ...(schemaComment.length > 0 || (!yaml && existing.$schema === undefined) ? context.notes : []),
    ...merged.warnings.map((w) => `warning: ${w}`),
    ...problems.existing.map((p) => `warning: ${out} does not validate yet (init left this as it was): ${p}`),
    `${out} exists: merged with the spec, your edits kept (--force would overwrite them)`,
    ...(changes.length === 0 ? ["  nothing added"] : changes.map((c) => `  ${c}`)),
    ...merged.kept.map((k) => `  ${k}`),
    ...(listed.length === 0
      ? []
      : [`  not added: list endpoints in the spec but not in ${out} (new, or removed by you); --include adds them:`, ...listed, ...more]),
    next === text ? `${out} is up to date` : `wrote ${out}`,
  ]);
  return 0;
}
