// Arguments of the operations commands (loads, state, reset): which connector, which dataset, what to show or drop.
import { UsageError } from "../../runtime/errors.ts";

/** Where the commands look: the connector directory and, when given, the destination and dataset. */
interface Where {
  readonly dir: string;
  readonly destination: string | undefined;
  readonly dataset: string | undefined;
  readonly json: boolean;
}

export type OpsCommand =
  | (Where & { readonly kind: "loads"; readonly resource: string | undefined; readonly limit: number | null })
  | (Where & { readonly kind: "state" })
  | (Where & { readonly kind: "reset"; readonly resource: string; readonly dropTables: boolean });

export type OpsTopic = OpsCommand["kind"];

const WHERE_OPTIONS = { destination: { type: "string" }, dataset: { type: "string" } } as const;
const JSON_OPTION = { json: { type: "boolean" } } as const;

/** Each command's flags as node:util's parseArgs takes them, in the order ops-help.ts describes them. */
export const OPS_OPTIONS = {
  loads: { ...WHERE_OPTIONS, resource: { type: "string" }, limit: { type: "string" }, ...JSON_OPTION },
  state: { ...WHERE_OPTIONS, ...JSON_OPTION },
  reset: { resource: { type: "string" }, "drop-tables": { type: "boolean" }, ...WHERE_OPTIONS, ...JSON_OPTION },
} as const;

/** Loads per resource when --limit is not given. */
export const DEFAULT_LOADS_LIMIT = 5;

/** The command from parseArgs' values and positionals. */
export function opsCommand(kind: OpsTopic, values: Readonly<Record<string, unknown>>, positionals: readonly string[], usage: string): OpsCommand {
  if (positionals.length !== 1) throw new UsageError(`${kind} takes exactly one generated connector directory, got ${positionals.length}\nusage: ${usage}`);
  const where: Where = {
    dir: positionals[0]!,
    destination: values.destination as string | undefined,
    dataset: values.dataset as string | undefined,
    json: values.json === true,
  };
  if (kind === "state") return { kind, ...where };
  const resource = values.resource as string | undefined;
  if (kind === "reset") {
    if (resource === undefined) throw new UsageError(`reset needs --resource NAME: the resource whose state to drop\nusage: ${usage}`);
    return { kind, ...where, resource, dropTables: values["drop-tables"] === true };
  }
  const raw = values.limit;
  const limit = raw === undefined ? DEFAULT_LOADS_LIMIT : Number(raw);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit expects a whole number (0: all loads), got ${JSON.stringify(raw)}`);
  return { kind, ...where, resource, limit: limit === 0 ? null : limit };
}
