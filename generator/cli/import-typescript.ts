// Loads a user's TypeScript module (a generated connector and the hooks it imports) at `sync` time.
// tsx's scoped import compiles it whatever the project's package.json "type" says (a commonjs project
// loads it as CommonJS, which may require() the runtime's ES modules), and leaves the process's own
// module loading alone: the package itself runs as compiled JavaScript.
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";

/** Imports the module at `file` (an absolute path) and returns its namespace. */
export async function importTypeScript(file: string): Promise<unknown> {
  return tsImport(pathToFileURL(file).href, import.meta.url);
}
