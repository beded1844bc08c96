// A generated connector's TypeScript stripped once, not at every sync. Node's type stripper is a
// WebAssembly module (amaro) that takes ~60–80 ms to load before it strips anything, about a tenth of a
// one-page sync's own start-up; the connector's files rarely change between the runs of a schedule.
// So the JavaScript a file strips to is kept under the project's `node_modules/.cache/gen-connector/`
// (where babel, eslint and webpack keep theirs), named by a hash of Node's version and the file's
// text: an edited or regenerated file is a new entry, and a cache that cannot be made or written
// (no node_modules above the connector, a read-only file system) just means stripping every time.
//
// Stripping replaces types with whitespace, so lines and columns stay those of the `.ts` file and a
// stack trace points into it without a source map.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as nodeModule from "node:module";
import { dirname, join } from "node:path";

type Strip = (code: string, options: { mode: "strip" }) => string;

/** Node's `module.stripTypeScriptTypes` (22.13+), or undefined. */
const stripApi = (nodeModule as { stripTypeScriptTypes?: Strip }).stripTypeScriptTypes;

/** Whether this Node can strip a file's types on request (else its loader strips them, uncached). */
export const canStrip = typeof stripApi === "function";

/**
 * `source` with its types stripped; throws Node's ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX (an enum, a
 * parameter property) or ERR_INVALID_TYPESCRIPT_SYNTAX as its loader would. The API warns that it is
 * experimental on every first call in a process: that warning, about our use of Node rather than
 * anything of the user's, is not printed.
 */
function strip(source: string): string {
  if (stripApi === undefined) throw new Error("module.stripTypeScriptTypes is not available in this Node");
  const emitWarning = process.emitWarning;
  process.emitWarning = () => undefined;
  try {
    return stripApi(source, { mode: "strip" });
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** Stripped files of the project holding a connector. */
export class StrippedCache {
  readonly #dir: string | null;

  private constructor(dir: string | null) {
    this.#dir = dir;
  }

  /** The cache of the project whose `node_modules` is nearest above `file`; one that strips every time when there is none. */
  static near(file: string): StrippedCache {
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      const modules = join(dir, "node_modules");
      if (existsSync(modules)) return new StrippedCache(join(modules, ".cache", "gen-connector", "stripped"));
      if (dirname(dir) === dir) return new StrippedCache(null);
    }
  }

  /** The JavaScript `source` (the text of a `.ts` file) strips to: from the cache, else stripped now and kept. */
  javascript(source: string): string {
    const dir = this.#dir;
    if (dir === null) return strip(source);
    const entry = join(dir, `${createHash("sha256").update(`${process.version}\0${source}`).digest("hex").slice(0, 40)}.js`);
    try {
      return readFileSync(entry, "utf8");
    } catch {
      // not cached yet
    }
    const stripped = strip(source);
    try {
      mkdirSync(dir, { recursive: true });
      // Written whole, then renamed: a sync reading the entry meanwhile never sees half of it.
      const partial = `${entry}.${process.pid}.tmp`;
      writeFileSync(partial, stripped);
      renameSync(partial, entry);
    } catch {
      // Not writable: strip again next time.
    }
    return stripped;
  }
}
