// The one error the mapping throws: input it cannot turn into safe code.
import { GenConnectorError } from "../../../runtime/errors.ts";

/** A schema (or a name supplied for it) that cannot be emitted safely; exit 2 like any bad input. */
export class OpenApiSchemaError extends GenConnectorError {
  readonly exitCode = 2;
}
