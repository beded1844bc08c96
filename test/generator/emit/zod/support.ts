// Harness for the OpenAPI → zod tests: a context over a components map, evaluation of emitted
// expressions (written under tmp/zod-eval/ and imported, so zod resolves from the repo), a
// type-check of emitted modules, and a table runner asserting text, then valid and invalid samples.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import type { Test } from "uvu";
import * as assert from "uvu/assert";
import type { z } from "zod";
import { zodFromOpenApi, type ZodContext } from "../../../../generator/emit/zod/index.ts";
import type { ZodMode } from "../../../../generator/model/model.ts";

const root = new URL("../../../../", import.meta.url);
const dir = new URL("tmp/zod-eval/", root);
const PREFIX = "#/components/schemas/";

/** A context whose components live in `components` (names are the last pointer segment). */
export function context(mode: ZodMode, components: Readonly<Record<string, unknown>> = {}, backEdges: readonly string[] = []): ZodContext {
  const nameOf = (ref: string): string => {
    if (!ref.startsWith(PREFIX)) throw new Error(`not a local component ref: ${ref}`);
    return ref.slice(PREFIX.length);
  };
  return {
    mode,
    componentName: nameOf,
    backEdges: new Set(backEdges.map((n) => PREFIX + n)),
    resolve: (ref) => components[nameOf(ref)],
  };
}

/** `#/components/schemas/<name>`. */
export const ref = (name: string): { $ref: string } => ({ $ref: PREFIX + name });

/** Writes a module to tmp/zod-eval/, imports it and removes it; returns its exports. */
export async function importModule(source: string): Promise<Record<string, unknown>> {
  await mkdir(dir, { recursive: true });
  const file = new URL(`${createHash("sha256").update(source).digest("hex").slice(0, 16)}-${process.pid}.ts`, dir);
  await writeFile(file, source);
  try {
    return (await import(pathToFileURL(file.pathname).href)) as Record<string, unknown>;
  } finally {
    await rm(file, { force: true });
  }
}

/** `import { z } from "zod"; <prelude> export const S = <expr>;` evaluated; returns S. */
export async function evaluate(expr: string, prelude = ""): Promise<z.ZodType> {
  const exports = await importModule(`import { z } from "zod";\n${prelude}\nexport const S = ${expr};\n`);
  return exports["S"] as z.ZodType;
}

/** tsc diagnostics (strict, the project's options) for one module's source; empty when it compiles. */
export async function typeErrors(source: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const file = new URL(`check-${createHash("sha256").update(source).digest("hex").slice(0, 16)}-${process.pid}.ts`, dir);
  await writeFile(file, source);
  try {
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      types: [],
    };
    const program = ts.createProgram([file.pathname], options);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  } finally {
    await rm(file, { force: true });
  }
}

/** One row: a schema, the exact expression expected, and samples it must accept and reject. */
export interface Case {
  readonly name: string;
  readonly schema: unknown;
  readonly mode?: ZodMode;
  readonly expr: string;
  readonly valid?: readonly unknown[];
  readonly invalid?: readonly unknown[];
  readonly warnings?: readonly string[];
}

/** Options shared by a table: components (emitted into the module prelude, in order) and back-edges. */
export interface Table {
  readonly components?: Readonly<Record<string, unknown>>;
  readonly backEdges?: readonly string[];
}

/** The components of a table as `const` declarations, in order, for the given mode. */
export function prelude(mode: ZodMode, table: Table = {}): string {
  const components = table.components ?? {};
  return Object.entries(components)
    .map(([name, schema]) => `const ${name} = ${zodFromOpenApi(schema, context(mode, components, table.backEdges)).expr};`)
    .join("\n");
}

/** Registers one uvu test per case. */
export function cases(suite: Test, rows: readonly Case[], table: Table = {}): void {
  for (const row of rows) {
    const mode = row.mode ?? "lenient";
    suite(`${mode}: ${row.name}`, async () => {
      const result = zodFromOpenApi(row.schema, context(mode, table.components, table.backEdges));
      assert.is(result.expr, row.expr);
      assert.equal(result.warnings, row.warnings ?? []);
      const schema = await evaluate(result.expr, prelude(mode, table));
      for (const sample of row.valid ?? []) {
        const parsed = schema.safeParse(sample);
        assert.ok(parsed.success, `should accept ${JSON.stringify(sample)}: ${parsed.error?.message ?? ""}`);
      }
      for (const sample of row.invalid ?? []) assert.not.ok(schema.safeParse(sample).success, `should reject ${JSON.stringify(sample)}`);
    });
  }
}
