// The config's JSON Schema, generated from the zod schema so editors can autocomplete configs.
import { z } from "zod";
import { connectorConfig, secretOnly, secretRef } from "./schema.ts";

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
  return `${JSON.stringify({ ...schema, title: "gen-connector config", description: "dlt rest_api config as JSON, plus name, client.retry and client.timeout." }, null, 2)}\n`;
}
