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
