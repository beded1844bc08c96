// `gen-connector <config>`: a config's text (YAML or JSON) → the connector model, through the grammar and the
// model stage (model/from-config.ts).
import { parseConfigText } from "../config/load.ts";
import { modelFromConfig, type SpecLoader } from "../model/from-config.ts";
import type { ConnectorModel } from "../model/model.ts";

/** Parses and validates a config text into the connector model (throws ConfigError); a config with `openapi` needs `loadSpec`. */
export function loadModel(text: string, source: string, loadSpec?: SpecLoader): ConnectorModel {
  return modelFromConfig(parseConfigText(text, source), source, loadSpec);
}
