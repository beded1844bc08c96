// Where the package's own files are (package.json, templates/, generated/config.schema.json), whether
// this module runs from the TypeScript source (`generator/`) or from the bundle (`dist/bundle/`).
import { existsSync } from "node:fs";

const fromSource = new URL("../", import.meta.url);

/** The package root as a directory URL (ends with "/"). */
export const packageRoot: URL = existsSync(new URL("package.json", fromSource)) ? fromSource : new URL("../../", import.meta.url);
