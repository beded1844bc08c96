// Where a DuckDB destination spools staged rows: a directory of CSV files beside the database file
// (`<file>.gc-staging`, on the same disk as the data, like DuckDB's own `<file>.tmp`), or a private
// temporary directory for `:memory:` and for paths `read_csv` would take as a glob pattern. Files are
// owner-only. The directory is emptied when the database is opened (leftovers of a killed run: the
// file lock is ours) and removed when it is closed. A temporary directory is named after its process
// (`gc-staging-<pid>-…`); one left by a process that no longer runs is deleted at the next open.
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** Characters `read_csv` expands as a glob; a path holding one is never handed to it. */
const GLOB = /[*?[\]{}]/;

/** Temporary spool directories: `gc-staging-<pid>-<random>` in the OS temp dir. */
const TEMP_PREFIX = "gc-staging-";
const TEMP_NAME = /^gc-staging-(\d+)-/;

export class SpoolDir {
  #dir: string | null;
  readonly #fixed: boolean;
  #files = 0;

  private constructor(dir: string | null) {
    this.#dir = dir;
    this.#fixed = dir !== null;
  }

  /** The spool of the database at `path` (`null`: `:memory:`); emptied now when it is beside the file. */
  static async forDatabase(path: string | null): Promise<SpoolDir> {
    const beside = path === null ? null : `${resolve(path)}.gc-staging`;
    if (beside === null || GLOB.test(beside)) {
      await removeOrphans();
      return new SpoolDir(null);
    }
    await rm(beside, { recursive: true, force: true });
    return new SpoolDir(beside);
  }

  /** A fresh file path in the spool (the directory created on first use); `hint` is part of its name. */
  async file(hint: string): Promise<string> {
    if (this.#dir === null) this.#dir = await mkdtemp(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
    else await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    this.#files += 1;
    return join(this.#dir, `${hint}.${this.#files}.csv`);
  }

  /** Removes the directory and everything in it; never throws (the next open empties it anyway). */
  async remove(): Promise<void> {
    const dir = this.#dir;
    if (dir === null) return;
    if (!this.#fixed) this.#dir = null;
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Deletes temporary spool directories whose process is gone (killed mid-load); never throws. */
async function removeOrphans(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid === undefined || running(Number(pid))) continue;
    // Another user's directory stays: rm fails on it without permission, and that is fine.
    await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Whether process `pid` exists (EPERM: it does, under another user). */
function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
