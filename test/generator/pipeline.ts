// The whole generate path for tests, without the disk: config text → model (input/) → files (generate.ts), as
// `gen-connector <config>` runs it.
import { generateConnector, type GeneratedFile, type GenerateOptions } from "../../generator/generate.ts";
import { loadModel } from "../../generator/input/from-text.ts";
import type { SpecLoader } from "../../generator/model/from-config.ts";

/** The connector files of a config text; a config with `openapi` needs `loadSpec`. */
export function generate(text: string, options: GenerateOptions & { readonly loadSpec?: SpecLoader }): GeneratedFile[] {
  const { loadSpec, ...rest } = options;
  return generateConnector(loadModel(text, options.source, loadSpec), rest).files;
}
