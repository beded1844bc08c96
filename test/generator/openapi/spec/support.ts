// Specs from in-memory files: `/api/<name>` paths read from a map, so loader tests need no disk.
import { loadSpec, type LoadedSpec } from "../../../../generator/openapi/spec/index.ts";
import { SpecError } from "../../../../generator/openapi/spec/index.ts";

export type Files = Readonly<Record<string, string | object>>;

/** Loads `root` from `files` (objects are written as JSON); file names are shown without `/api/`. */
export function loadFiles(files: Files, root = "openapi.yaml"): LoadedSpec {
  const read = (path: string): string => {
    const name = path.replace(/^\/api\//, "");
    const content = files[name];
    if (content === undefined) throw new SpecError(name, "", "cannot read the file: no such file");
    return typeof content === "string" ? content : JSON.stringify(content);
  };
  return loadSpec(`/api/${root}`, { readText: read, display: (p) => p.replace(/^\/api\//, "") });
}

/** The SpecError `run` throws (fails the test when it throws nothing or something else). */
export function specError(run: () => unknown): SpecError {
  try {
    run();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error("expected a SpecError, nothing was thrown");
}

/** A minimal valid document with these paths. */
export function doc(paths: object = {}, extra: object = {}): object {
  return { openapi: "3.0.3", info: { title: "T", version: "1" }, paths, ...extra };
}
