// What paginator and auth kinds share: a kind names its `type` and declares dlt's other keys as zod
// (its grammar); from that follow its config object and the keys a config of it must set.
import { z } from "zod";

/** The part of a kind its config grammar is made of. */
export interface KindGrammar<T extends string = string, G extends z.ZodRawShape = z.ZodRawShape> {
  readonly type: T;
  /** dlt's keys besides `type`, in the order the JSON Schema lists them. */
  readonly grammar: G;
}

/** A validated config of one kind: `type` and the kind's own keys. */
export type KindConfig<T extends string, G extends z.ZodRawShape> = { readonly type: T } & z.output<z.ZodObject<G>>;

/** What the config schema sees of a kind's object: its `type` (the other keys reach `resolve` as parsed). */
export type KindObject = z.ZodObject<{ type: z.ZodLiteral<string> }, z.core.$strict>;

/** The kind's config object as dlt writes it: `{"type": "<type>", ...its keys}`, unknown keys refused. */
export function kindObject(kind: KindGrammar): KindObject {
  return z.strictObject({ type: z.literal(kind.type), ...kind.grammar }) as KindObject;
}

/** The keys a config of this kind must set. */
export function requiredKeys(kind: KindGrammar): string[] {
  return Object.entries(kind.grammar)
    .filter(([, schema]) => !z.safeParse(schema, undefined).success)
    .map(([key]) => key);
}
