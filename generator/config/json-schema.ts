// The config's JSON Schema, generated from the zod schema so editors can autocomplete configs.
import { z } from "zod";
import { secretOnly, secretRef } from "../../runtime/grammar.ts";
import { connectorConfig } from "./schema.ts";

const COMMENT = { type: "string", description: "A note for readers (init writes the reasons for its guesses here); ignored by validation." };

/** Every object schema with declared properties also allows a `$comment` string, as the loader strips them. */
function allowComments(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(allowComments);
  if (node === null || typeof node !== "object") return;
  const schema = node as Record<string, unknown>;
  for (const child of Object.values(schema)) allowComments(child);
  const props = schema.properties;
  if (schema.type === "object" && props !== null && typeof props === "object" && !("$comment" in props)) {
    schema.properties = { $comment: COMMENT, ...(props as Record<string, unknown>) };
  }
}

/** The JSON Schema text (deterministic, 2-space indented, ending in a newline). */
export function configJsonSchema(): string {
  const secretSchema = z.toJSONSchema(secretRef, { target: "draft-2020-12" });
  const schema = z.toJSONSchema(connectorConfig, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      if ((ctx.zodSchema as unknown) === secretOnly) {
        const { $schema: _drop, ...rest } = secretSchema;
        Object.assign(ctx.jsonSchema, rest);
      }
    },
  });
  allowComments(schema);
  return `${JSON.stringify({ ...schema, title: "gen-connector config", description: "dlt rest_api config as JSON, plus name, client.retry and client.timeout." }, null, 2)}\n`;
}
