// Command-line parsing: argv → a typed command, or a UsageError.
import { parseArgs } from "node:util";
import { UsageError } from "../../runtime/errors.ts";

export type Command =
  | { readonly kind: "generate"; readonly configs: readonly string[]; readonly out: string | undefined }
  | { readonly kind: "check"; readonly configs: readonly string[] }
  | { readonly kind: "schema"; readonly out: string }
  | { readonly kind: "init"; readonly spec: string; readonly out: string | undefined; readonly include: readonly string[]; readonly name: string | undefined }
  | {
      readonly kind: "sync";
      readonly dir: string;
      readonly destination: string | undefined;
      readonly dataset: string | undefined;
      readonly baseUrl: string | undefined;
      readonly resources: readonly string[];
      readonly json: boolean;
      readonly concurrency: number;
      readonly fullRefresh: boolean;
    }
  | { readonly kind: "help" };

export const USAGE = `usage:
  gen-connector <config.json>... [--out DIR]     generate typed connectors (default DIR: generated/<name>)
  gen-connector check <config.json>...           exit 1 listing generated files that are stale
  gen-connector init <openapi spec> [--out FILE] [--include PATTERN]... [--name NAME]
                                                 derive an editable config from an OpenAPI spec (default FILE: specs/<name>.json)
  gen-connector schema [--out FILE]              write the config JSON Schema (default generated/config.schema.json)
  gen-connector sync <generated dir> [--destination URL] [--dataset NAME] [--base-url URL]
                     [--resource NAME]... [--concurrency N] [--full-refresh] [--json]
                                                 run a generated connector's sync (default destination duckdb:./<name>.duckdb)`;

type OptionSpecs = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;

function parse(argv: readonly string[], options: OptionSpecs) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/** Parses argv (without node and script) into a Command. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") return { kind: "help" };
  if (first === "sync") {
    const { values, positionals } = parse(rest, {
      destination: { type: "string" },
      dataset: { type: "string" },
      "base-url": { type: "string" },
      resource: { type: "string", multiple: true },
      json: { type: "boolean" },
      concurrency: { type: "string" },
      "full-refresh": { type: "boolean" },
    });
    const concurrency = Number(values.concurrency ?? 1);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`--concurrency expects an integer from 1 to 64, got ${JSON.stringify(values.concurrency)}`);
    if (positionals.length !== 1) throw new UsageError(`sync takes exactly one generated connector directory, got ${positionals.length}\n${USAGE}`);
    return {
      kind: "sync",
      dir: positionals[0]!,
      destination: values.destination as string | undefined,
      dataset: values.dataset as string | undefined,
      baseUrl: values["base-url"] as string | undefined,
      resources: (values.resource as string[] | undefined) ?? [],
      json: values.json === true,
      concurrency,
      fullRefresh: values["full-refresh"] === true,
    };
  }
  if (first === "check") {
    const { positionals } = parse(rest, {});
    if (positionals.length === 0) throw new UsageError(`check needs at least one config\n${USAGE}`);
    return { kind: "check", configs: positionals };
  }
  if (first === "schema") {
    const { values } = parse(rest, { out: { type: "string" } });
    return { kind: "schema", out: (values.out as string | undefined) ?? "generated/config.schema.json" };
  }
  if (first === "init") {
    const { values, positionals } = parse(rest, { out: { type: "string" }, include: { type: "string", multiple: true }, name: { type: "string" } });
    if (positionals.length !== 1) throw new UsageError(`init takes exactly one OpenAPI spec, got ${positionals.length}\n${USAGE}`);
    return {
      kind: "init",
      spec: positionals[0]!,
      out: values.out as string | undefined,
      include: (values.include as string[] | undefined) ?? [],
      name: values.name as string | undefined,
    };
  }
  const { values, positionals } = parse(argv, { out: { type: "string" } });
  const out = values.out as string | undefined;
  if (out !== undefined && positionals.length > 1) throw new UsageError(`--out takes one config, got ${positionals.length}`);
  return { kind: "generate", configs: positionals, out };
}
