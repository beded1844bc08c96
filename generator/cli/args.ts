// Command-line parsing: argv → a typed command, or a UsageError.
import { parseArgs } from "node:util";
import { UsageError } from "../../runtime/errors.ts";
import {
  type DistributedCommand,
  type DistributedSync,
  DISTRIBUTED_OPTIONS,
  DISTRIBUTED_SYNC_OPTIONS,
  distributedCommand,
  distributedSync,
} from "./distributed-args.ts";
import { closest, COMMAND_HELP, type HelpTopic, usageText } from "./help.ts";
import { OPS_OPTIONS, type OpsCommand, opsCommand } from "./ops-args.ts";

export type Command =
  | { readonly kind: "generate"; readonly configs: readonly string[]; readonly out: string | undefined }
  | { readonly kind: "check"; readonly configs: readonly string[] }
  | { readonly kind: "schema"; readonly out: string }
  | {
      readonly kind: "init";
      readonly spec: string;
      readonly out: string | undefined;
      readonly include: readonly string[];
      readonly name: string | undefined;
      readonly force: boolean;
    }
  | {
      readonly kind: "sync";
      readonly dir: string;
      readonly destination: string | undefined;
      readonly dataset: string | undefined;
      readonly baseUrl: string | undefined;
      readonly resources: readonly string[];
      readonly json: boolean;
      /** Absent: client.concurrency, else the runtime's default. */
      readonly concurrency?: number;
      readonly fullRefresh: boolean;
      readonly replay: string | undefined;
      /** Progress: only warnings on stderr. */
      readonly quiet: boolean;
      /** Progress as text (live on a terminal, lines elsewhere) or JSON lines. */
      readonly logFormat: "text" | "json";
      /** `--param name=value` run parameters (text; the runtime types them). */
      readonly params: Readonly<Record<string, string>>;
      /** `--distributed` / `--workers N`: a distributed run; absent: the classic single-process sync. */
      readonly distributed?: DistributedSync;
    }
  | {
      readonly kind: "preview";
      readonly target: string;
      readonly resources: readonly string[];
      readonly maxPages: number | null | undefined;
      readonly maxRecords: number | null | undefined;
      readonly baseUrl: string | undefined;
      readonly json: boolean;
      readonly writeColumns: boolean;
      readonly record: string | undefined;
      readonly params: Readonly<Record<string, string>>;
    }
  | OpsCommand
  | DistributedCommand
  | { readonly kind: "help"; readonly topic: HelpTopic | undefined }
  | { readonly kind: "version" };

/** What a bad call prints after its error: the general usage. */
export const USAGE = usageText();

type OptionSpecs = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;

const COMMANDS = ["check", "init", "preview", "schema", "sync", "loads", "state", "reset", "worker", "runs"] as const;

/** Each command's flags as node:util's parseArgs takes them (help.ts describes each one). */
export const COMMAND_OPTIONS = {
  generate: { out: { type: "string" } },
  check: {},
  init: { out: { type: "string" }, include: { type: "string", multiple: true }, name: { type: "string" }, force: { type: "boolean" } },
  schema: { out: { type: "string" } },
  sync: {
    destination: { type: "string" },
    dataset: { type: "string" },
    "base-url": { type: "string" },
    resource: { type: "string", multiple: true },
    concurrency: { type: "string" },
    "full-refresh": { type: "boolean" },
    json: { type: "boolean" },
    replay: { type: "string" },
    quiet: { type: "boolean" },
    "log-format": { type: "string" },
    param: { type: "string", multiple: true },
    ...DISTRIBUTED_SYNC_OPTIONS,
  },
  preview: {
    resource: { type: "string", multiple: true },
    "max-pages": { type: "string" },
    "max-records": { type: "string" },
    "base-url": { type: "string" },
    json: { type: "boolean" },
    "write-columns": { type: "boolean" },
    record: { type: "string" },
    param: { type: "string", multiple: true },
  },
  ...OPS_OPTIONS,
  ...DISTRIBUTED_OPTIONS,
} as const satisfies Record<HelpTopic, OptionSpecs>;

function parse(topic: HelpTopic, argv: readonly string[]) {
  const options: OptionSpecs = COMMAND_OPTIONS[topic];
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '(--?[^']+)'/.exec(message)?.[1];
    const suggestion =
      unknown === undefined
        ? undefined
        : closest(
            unknown,
            Object.keys(options).map((name) => `--${name}`),
          );
    const hint = suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
    throw new UsageError(
      `${message.split(". To specify")[0]}${hint}\nusage: ${COMMAND_HELP[topic].usage}\n(gen-connector ${topic === "generate" ? "" : `${topic} `}--help describes every flag)`,
    );
  }
}

/** `<command> --help` / `-h` anywhere among a command's arguments. */
function wantsHelp(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === "--help" || arg === "-h");
}

/** A limit flag: a positive integer, 0 for none (null), undefined when not given. */
function limit(flag: string, raw: unknown): number | null | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${flag} expects a whole number (0: no limit), got ${JSON.stringify(raw)}`);
  return value === 0 ? null : value;
}

/** `--log-format`: text (default) or json. */
function logFormat(raw: unknown): "text" | "json" {
  if (raw === undefined || raw === "text" || raw === "json") return raw ?? "text";
  throw new UsageError(`--log-format expects text or json, got ${JSON.stringify(raw)}`);
}

/** `--param name=value` flags (repeatable) as a record; a malformed or repeated one is a usage error. */
function runParams(raw: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  for (const flag of (raw as string[] | undefined) ?? []) {
    const eq = flag.indexOf("=");
    const name = eq < 0 ? "" : flag.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new UsageError(`--param expects name=value (a name of letters, digits and _), got ${JSON.stringify(flag)}`);
    if (name in params) throw new UsageError(`--param ${name} is given twice`);
    params[name] = flag.slice(eq + 1);
  }
  return params;
}

function parsePreview(rest: readonly string[]): Command {
  const { values, positionals } = parse("preview", rest);
  if (positionals.length !== 1) throw new UsageError(`preview takes exactly one config or generated connector directory, got ${positionals.length}\n${USAGE}`);
  return {
    kind: "preview",
    target: positionals[0]!,
    resources: (values.resource as string[] | undefined) ?? [],
    maxPages: limit("max-pages", values["max-pages"]),
    maxRecords: limit("max-records", values["max-records"]),
    baseUrl: values["base-url"] as string | undefined,
    json: values.json === true,
    writeColumns: values["write-columns"] === true,
    record: values.record as string | undefined,
    params: runParams(values.param),
  };
}

/** Parses argv (without node and script) into a Command. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h") return { kind: "help", topic: undefined };
  if (first === "--version" || first === "-v" || first === "version") return { kind: "version" };
  if (first === "help") {
    const topic = rest[0];
    if (topic === undefined) return { kind: "help", topic: undefined };
    if (topic in COMMAND_HELP) return { kind: "help", topic: topic as HelpTopic };
    throw new UsageError(`no help on ${JSON.stringify(topic)}: commands are ${COMMANDS.join(", ")} (and generate, the default)`);
  }
  if ((COMMANDS as readonly string[]).includes(first) && wantsHelp(rest)) return { kind: "help", topic: first as HelpTopic };
  if (first === "sync") {
    const { values, positionals } = parse("sync", rest);
    const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64))
      throw new UsageError(`--concurrency expects an integer from 1 to 64, got ${JSON.stringify(values.concurrency)}`);
    if (positionals.length !== 1) throw new UsageError(`sync takes exactly one generated connector directory, got ${positionals.length}\n${USAGE}`);
    const distributed = distributedSync(values);
    return {
      kind: "sync",
      dir: positionals[0]!,
      destination: values.destination as string | undefined,
      dataset: values.dataset as string | undefined,
      baseUrl: values["base-url"] as string | undefined,
      resources: (values.resource as string[] | undefined) ?? [],
      json: values.json === true,
      ...(concurrency === undefined ? {} : { concurrency }),
      fullRefresh: values["full-refresh"] === true,
      replay: values.replay as string | undefined,
      quiet: values.quiet === true,
      logFormat: logFormat(values["log-format"]),
      params: runParams(values.param),
      ...(distributed === undefined ? {} : { distributed }),
    };
  }
  if (first === "preview") return parsePreview(rest);
  if (first === "worker" || first === "runs") {
    const { values, positionals } = parse(first, rest);
    return distributedCommand(first, values, positionals, COMMAND_HELP[first].usage, runParams(values.param));
  }
  if (first === "loads" || first === "state" || first === "reset") {
    const { values, positionals } = parse(first, rest);
    return opsCommand(first, values, positionals, COMMAND_HELP[first].usage);
  }
  if (first === "check") {
    const { positionals } = parse("check", rest);
    if (positionals.length === 0) throw new UsageError(`check needs at least one config\n${USAGE}`);
    return { kind: "check", configs: positionals };
  }
  if (first === "schema") {
    const { values } = parse("schema", rest);
    return { kind: "schema", out: (values.out as string | undefined) ?? "generated/config.schema.json" };
  }
  if (first === "init") {
    const { values, positionals } = parse("init", rest);
    if (positionals.length !== 1) throw new UsageError(`init takes exactly one OpenAPI spec, got ${positionals.length}\n${USAGE}`);
    return {
      kind: "init",
      spec: positionals[0]!,
      out: values.out as string | undefined,
      include: (values.include as string[] | undefined) ?? [],
      name: values.name as string | undefined,
      force: values.force === true,
    };
  }
  if (wantsHelp(argv)) return { kind: "help", topic: "generate" };
  // A config or spec is a file name; a bare word close to a command is a mistyped command.
  const command = /^[a-z-]+$/.test(first) ? closest(first, [...COMMANDS, "help", "version"]) : undefined;
  if (command !== undefined) throw new UsageError(`unknown command ${JSON.stringify(first)} (did you mean ${command}?)\n${USAGE}`);
  const { values, positionals } = parse("generate", argv);
  const out = values.out as string | undefined;
  if (out !== undefined && positionals.length > 1) throw new UsageError(`--out takes one config, got ${positionals.length}`);
  return { kind: "generate", configs: positionals, out };
}
