// The zod atoms of dlt's config grammar that paginator and auth kinds declare their keys with; the
// generator's config schema (generator/config/schema.ts) uses the same instances.
import { z } from "zod";

/** A param or header name. */
export const identifierLike = z.string().min(1);
export const positiveInt = z.int({ error: "expected a positive integer" }).positive({ error: "expected a positive integer" });
export const nonNegativeInt = z.int({ error: "expected an integer >= 0" }).nonnegative({ error: "expected an integer >= 0" });
/** A JSONPath (or dot path) into a body. */
export const jsonPath = z.string().min(1);

/** dlt's stop conditions shared by the offset, page_number and cursor paginators. */
export const stopConditions = {
  stop_after_empty_page: z.boolean().optional(),
  has_more_path: jsonPath.optional(),
};

export const secretRef = z.strictObject({ $secret: z.string().min(1) }).meta({
  description: "Resolved at run time from the environment variable NAME upper-cased (or .env); never written into generated code.",
});

/** A secret-bearing key: only a `{"$secret": name}` reference, never a literal value. */
export const secretOnly = z.custom<z.infer<typeof secretRef>>((value) => secretRef.safeParse(value).success, {
  message: 'expected a secret reference {"$secret": "<name>"} (a literal secret would be written into generated code)',
});

export const NOT_YET = "not supported yet";

/** A key of dlt's grammar not executed yet: optional, and failing with "not supported yet: <key>" whenever present. */
export function notYet(key: string, planned: string) {
  return z
    .custom<never>((value) => value === undefined, { message: `${NOT_YET}: ${key} (${planned})` })
    .optional()
    .meta({ description: `${NOT_YET}: ${planned}` });
}
