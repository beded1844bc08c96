// Renders the handlebars templates (layout only) from a view model.
import { readFileSync } from "node:fs";
import Handlebars from "handlebars";
import { packageRoot } from "../package-root.ts";
import type { ConnectorView } from "./views.ts";

export const CONNECTOR_FILES = ["client.ts", "schema.ts", "loader.ts", "index.ts"] as const;
export type ConnectorFile = (typeof CONNECTOR_FILES)[number];

const templatesDir = new URL("templates/", packageRoot);
const compiled = new Map<ConnectorFile, Handlebars.TemplateDelegate<ConnectorView>>();

function template(file: ConnectorFile): Handlebars.TemplateDelegate<ConnectorView> {
  let t = compiled.get(file);
  if (t === undefined) {
    const source = readFileSync(new URL(`${file}.hbs`, templatesDir), "utf8");
    t = Handlebars.compile<ConnectorView>(source, { noEscape: true, strict: true });
    compiled.set(file, t);
  }
  return t;
}

/** Renders one connector file (unformatted). */
export function renderFile(file: ConnectorFile, view: ConnectorView): string {
  return template(file)(view);
}
