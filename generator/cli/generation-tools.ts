// The generation commands' tools (typescript, ts-morph, handlebars, openapi-typescript) are peer
// dependencies: npm installs them by default, and a sync-only install (`npm install --omit=peer`) leaves
// them out. A generation command run without them says what to install instead of a stack trace.
import { UsageError } from "../../runtime/errors.ts";
import { missingPackage } from "./missing-package.ts";

export const GENERATION_TOOLS = ["typescript", "ts-morph", "handlebars", "openapi-typescript"] as const;

/** Runs `load` (a dynamic import of a generation module); a missing generation tool becomes a UsageError. */
export async function withGenerationTools<T>(command: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const name = missingPackage(error);
    if (name === undefined || !(GENERATION_TOOLS as readonly string[]).includes(name)) throw error;
    throw new UsageError(
      `gen-connector ${command} needs ${name}, which is not installed: the generation tools are peer dependencies, left out by a sync-only install (npm install --omit=peer). Install them with: npm install --save-dev ${GENERATION_TOOLS.join(" ")}`,
      { cause: error },
    );
  }
}
