// Keys of dlt's rest_api grammar that this version parses but does not execute yet.
// They are rejected loudly ("not supported yet: <key>") instead of being silently ignored.
import { z } from "zod";

export const NOT_YET = "not supported yet";

/** An optional key that fails validation with "not supported yet: <key>" whenever it is present. */
export function notYet(key: string, planned: string) {
  return z
    .custom<never>((value) => value === undefined, { message: `${NOT_YET}: ${key} (${planned})` })
    .optional()
    .meta({ description: `${NOT_YET}: ${planned}` });
}
