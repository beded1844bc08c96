// `gen-connector init`: the disk side (read the spec, show what changed, write the config, report).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, posix, resolve } from "node:path";
import { parseConfigText } from "../config/load.ts";
import { configDiff, initConfig, initName } from "../openapi/init/index.ts";
import { loadSpec } from "../openapi/spec/index.ts";
import type { Command } from "./args.ts";
import { displayPath } from "./paths.ts";

type InitCommand = Extract<Command, { kind: "init" }>;

const SCHEMA_FILE = "generated/config.schema.json";

function relativeTo(configPath: string, target: string): string {
  const rel = posix.relative(posix.dirname(configPath), target);
  return rel === "" ? posix.basename(target) : rel;
}

/** The previous config at `out`, or undefined when there is none (or it does not parse). */
function previous(out: string): unknown {
  if (!existsSync(out)) return undefined;
  try {
    return parseConfigText(readFileSync(out, "utf8"), out);
  } catch {
    return undefined;
  }
}

/** Derives the config, prints the report (and the changes to an existing file) to stderr, writes it. */
export function initCommand(command: InitCommand): void {
  const spec = loadSpec(command.spec);
  const name = initName(spec, command.name);
  const out = displayPath(command.out ?? `specs/${name}.json`);
  const result = initConfig(spec, {
    name,
    include: command.include,
    openapi: relativeTo(out, spec.source),
    out,
    ...(existsSync(resolve(SCHEMA_FILE)) ? { schema: relativeTo(out, SCHEMA_FILE) } : {}),
  });
  const text = `${JSON.stringify(result.config, null, 2)}\n`;
  const before = previous(out);
  const lines = [...result.report];
  if (existsSync(out)) {
    const changes = configDiff(before, result.config);
    lines.push(changes.length === 0 ? `${out}: no resource changes` : `${out}: changes against the existing file:`, ...changes.map((c) => `  ${c}`));
  }
  mkdirSync(dirname(out), { recursive: true });
  const same = existsSync(out) && readFileSync(out, "utf8") === text;
  if (!same) writeFileSync(out, text);
  lines.push(same ? `${out} is up to date` : `wrote ${out}`);
  process.stderr.write(`${lines.join("\n")}\n`);
}
