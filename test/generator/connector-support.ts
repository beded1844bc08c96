// Harness for OpenAPI-backed generation tests: specs held in memory (never on disk), a minimal
// config around them, and the config problems a generation reports.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { ConfigError } from "../../runtime/errors.ts";
import { generate } from "./pipeline.ts";
import { loadModel } from "../../generator/input/from-text.ts";
import type { GeneratedFile } from "../../generator/generate.ts";
import type { SpecLoader } from "../../generator/model/from-config.ts";
import type { ConnectorModel } from "../../generator/model/model.ts";
import { displayPath } from "../../generator/cli/paths.ts";
import { loadSpec } from "../../generator/openapi/spec/index.ts";

/** Loads specs from `files` (relative path → document object or text), resolved like files on disk. */
export function memoryLoader(files: Readonly<Record<string, unknown>>): SpecLoader {
  const byPath = new Map(Object.entries(files).map(([name, doc]) => [resolve(name), typeof doc === "string" ? doc : JSON.stringify(doc)]));
  return (path) =>
    loadSpec(path, {
      readText: (abs) => {
        const text = byPath.get(abs);
        if (text === undefined) throw new Error(`test spec ${abs} is not in memory`);
        return text;
      },
      display: (p) => displayPath(p),
    });
}

/** A document with these paths and component schemas. */
export function openapi(paths: Record<string, unknown>, schemas: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { openapi: "3.1.0", info: { title: "T", version: "1" }, paths, components: { schemas }, ...extra };
}

/** A GET operation whose 200 JSON response has `schema`. */
export function listing(schema: unknown): Record<string, unknown> {
  return { get: { responses: { "200": { description: "ok", content: { "application/json": { schema } } } } } };
}

/** `#/components/schemas/<name>`. */
export const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });

/** A config named `t` for `resources`, with `openapi: "spec.json"` and a base URL, plus `extra` keys. */
export function config(resources: readonly unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: "t", openapi: "spec.json", client: { base_url: "https://api.example.com", paginator: "single_page" }, resources, ...extra });
}

export function modelOf(configText: string, spec: unknown): ConnectorModel {
  return loadModel(configText, "t.json", memoryLoader({ "spec.json": spec }));
}

export function filesOf(configText: string, spec: unknown): Record<string, string> {
  const files: GeneratedFile[] = generate(configText, { source: "t.json", loadSpec: memoryLoader({ "spec.json": spec }) });
  return Object.fromEntries(files.map((f) => [f.path, f.content]));
}

/** The `path: message` lines of the ConfigError the config raises (fails when it raises none). */
export function problems(configText: string, spec: unknown): string[] {
  try {
    modelOf(configText, spec);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error("expected a ConfigError");
}

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Writes generated files under tmp/openapi-connectors/ (inside the package, so `gen-connector/runtime` resolves); returns the directory. */
export function writeConnector(name: string, files: Readonly<Record<string, string>>): string {
  const dir = join(root, "tmp/openapi-connectors", `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

/** `tsc --noEmit` with the project's options over the `.ts` files of `dirs`: the diagnostics in those files, and the time taken. */
export function typeCheck(dirs: readonly string[]): { errors: string[]; ms: number } {
  const started = performance.now();
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config, ts.sys, root);
  const files = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => join(dir, f)),
  );
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const errors = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file !== undefined && dirs.some((dir) => d.file!.fileName.startsWith(dir)))
    .map((d) => `${d.file!.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n").slice(0, 500)}`);
  return { errors, ms: performance.now() - started };
}
