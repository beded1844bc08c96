// Loading an OpenAPI 3.0/3.1 document (JSON or YAML) with its local file refs bundled in.
import { readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { bundle } from "./bundle.ts";
import { SpecError } from "./errors.ts";
import { parseSpecText, type ReadText } from "./read.ts";

/** A parsed OpenAPI document: an object (nothing in it is trusted beyond `openapi` and `paths`). */
export type OpenApiDocument = Readonly<Record<string, unknown>> & { readonly paths: Readonly<Record<string, unknown>> };

/** A loaded, bundled spec: every `$ref` in `document` is local (`#/…`) and resolves. */
export interface LoadedSpec {
  readonly document: OpenApiDocument;
  /** The root file as the user named it (relative to the working directory, `/` separators). */
  readonly source: string;
  readonly version: "3.0" | "3.1";
  /** Every file read, root first (display paths). */
  readonly files: readonly string[];
}

export interface LoadOptions {
  /** Reads a file (default: fs, UTF-8); inject for tests. */
  readonly readText?: ReadText;
  /** Names files in errors and `source` (the CLI: relative to the working directory, `/` separators). */
  readonly display: (absolutePath: string) => string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0
      ? "an empty object"
      : `an object with keys ${keys
          .slice(0, 6)
          .map((k) => JSON.stringify(k))
          .join(", ")}${keys.length > 6 ? ", …" : ""}`;
  }
  return typeof value === "string" ? JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value) : String(value);
}

/** The OpenAPI version, or a SpecError saying what the document is instead. */
function checkVersion(doc: unknown, file: string): "3.0" | "3.1" {
  if (!isObject(doc)) throw new SpecError(file, "", `not an OpenAPI document: expected an object with "openapi" and "paths", found ${describe(doc)}`);
  if ("swagger" in doc) {
    throw new SpecError(
      file,
      "/swagger",
      `Swagger ${describe(doc.swagger)} (OpenAPI 2.0) is not supported: convert it to OpenAPI 3 first, e.g. \`npx swagger2openapi ${file} -o openapi.yaml\``,
    );
  }
  if (!("openapi" in doc)) throw new SpecError(file, "", `not an OpenAPI document: no "openapi" version key, found ${describe(doc)}`);
  const match = typeof doc.openapi === "string" ? /^3\.([01])(\.\d+)?(-[\w.]+)?$/.exec(doc.openapi) : null;
  if (match === null) throw new SpecError(file, "/openapi", `unsupported OpenAPI version ${describe(doc.openapi)}: expected "3.0.x" or "3.1.x"`);
  if (!isObject(doc.paths)) throw new SpecError(file, "/paths", `expected a "paths" object, found ${describe(doc.paths)}`);
  return match[1] === "0" ? "3.0" : "3.1";
}

function defaultRead(display: (p: string) => string): ReadText {
  return (path) => {
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SpecError(display(path), "", `cannot read the file: ${code === "ENOENT" ? "no such file" : String(code ?? error)}`);
    }
  };
}

/** Reads and bundles an OpenAPI 3.0/3.1 spec; throws SpecError (what, file, JSON pointer, found). */
export function loadSpec(path: string, options: LoadOptions): LoadedSpec {
  const display = options.display;
  const readText = options.readText ?? defaultRead(display);
  const rootFile = resolvePath(path);
  const source = display(rootFile);
  const root = parseSpecText(readText(rootFile), source);
  const version = checkVersion(root, source);
  const cache = new Map<string, unknown>([[rootFile, root]]);
  const load = (file: string): unknown => {
    if (!cache.has(file)) cache.set(file, parseSpecText(readText(file), display(file)));
    return cache.get(file);
  };
  const document = bundle({ rootFile, root, load, display }) as OpenApiDocument;
  return { document, source, version, files: [...cache.keys()].map(display) };
}
