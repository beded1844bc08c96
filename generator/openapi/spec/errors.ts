// A bad OpenAPI spec: what is wrong, where (file and JSON pointer) and what was found. A ConfigError,
// so the CLI exits 2 like for any bad input.
import { ConfigError } from "../../../runtime/errors.ts";

export class SpecError extends ConfigError {
  /** The file the problem is in, as the user named it. */
  readonly file: string;
  /** JSON pointer inside that file (`""` for the whole document). */
  readonly pointer: string;
  constructor(file: string, pointer: string, message: string, options?: { cause?: unknown }) {
    super(file, [{ path: pointer, message }]);
    this.file = file;
    this.pointer = pointer;
    this.message = `invalid OpenAPI spec ${file}${pointer === "" ? "" : ` at ${pointer}`}: ${message}`;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
