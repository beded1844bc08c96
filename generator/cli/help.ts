// The CLI's help texts, one per command, and the "did you mean" suggestion for a mistyped command or
// flag. Pure: the shell prints what these return.
import { DISTRIBUTED_HELP, DISTRIBUTED_SYNC_FLAGS } from "./distributed-help.ts";
import { OPS_HELP } from "./ops-help.ts";

/** One command's help: how to call it, what it does, and each flag with its meaning. */
export interface CommandHelp {
  readonly usage: string;
  readonly summary: string;
  readonly flags: readonly (readonly [flag: string, meaning: string])[];
}

export const COMMAND_HELP: Readonly<
  Record<"generate" | "check" | "init" | "schema" | "sync" | "preview" | keyof typeof OPS_HELP | keyof typeof DISTRIBUTED_HELP, CommandHelp>
> = {
  generate: {
    usage: "gen-connector <config.json|openapi spec>... [--out DIR]",
    summary:
      "Generate a typed connector (client.ts, schema.ts, loader.ts, index.ts) from a dlt rest_api config or an OpenAPI spec. Deterministic: a rerun writes nothing when nothing changed.",
    flags: [["--out DIR", "where to write (one config only; default generated/<name>)"]],
  },
  check: {
    usage: "gen-connector check <config.json>...",
    summary: "Exit 1 listing the generated files that differ from what the configs would generate, and the command that fixes them.",
    flags: [],
  },
  init: {
    usage: "gen-connector init <openapi spec> [--out FILE] [--include PATTERN]... [--name NAME] [--force]",
    summary: [
      "Derive an editable config from an OpenAPI 3.0/3.1 spec (JSON or YAML), every guess with its reason, with a",
      '"$schema" editors use for completion (in a .yaml/.yml config: a `# yaml-language-server: $schema=` comment).',
      "",
      "Over an existing config, init merges and never drops an edit: your name, client settings and resources stay",
      "as you have them (a resource is recognised by its endpoint, whatever you renamed it to); resources you added",
      "stay, and so do those whose endpoint left the spec (with a warning). Init cannot tell an endpoint new in the",
      "spec from one you deleted, so it adds none on its own: it lists them, and --include adds those it matches.",
      "It prints what it added and where your config differs from what it would derive. When it cannot merge safely",
      "(the file does not parse, names another spec, would not validate, or is YAML with # comments a rewrite would",
      "drop) it changes nothing, shows what --force would change, and exits 2.",
    ].join("\n"),
    flags: [
      ["--out FILE", "where to write the config (default configs/<name>.json; .yaml/.yml writes YAML)"],
      ["--include PATTERN", "only paths matching the glob (repeatable), e.g. '/conversations**'; over an existing config, add the matching endpoints it lacks"],
      ["--name NAME", "the connector's name (snake_case; default: from the spec, or the existing config's)"],
      ["--force", "overwrite an existing config with the derived one: your edits are lost (the changes are printed)"],
    ],
  },
  schema: {
    usage: "gen-connector schema [--out FILE]",
    summary: 'Write the config\'s JSON Schema, for editor completion through "$schema".',
    flags: [["--out FILE", "where to write it (default generated/config.schema.json)"]],
  },
  sync: {
    usage:
      "gen-connector sync <generated dir> [--destination URL] [--dataset NAME] [--base-url URL] [--resource NAME]... [--concurrency N] [--full-refresh] [--json] [--replay DIR] [--param K=V]... [--quiet] [--log-format text|json] [--distributed | --workers N] [--queue URL] [--run ID]",
    summary:
      "Run a generated connector's sync into DuckDB or Postgres: the directory holds the generated index.ts (compiled on the fly) or your tsc's compiled index.js. Exit 0 on success, 1 when the sync failed, 2 for bad usage, a bad config or a missing secret.",
    flags: [
      ["--destination URL", "duckdb:<path>[?setting=value…] or postgres://user:password@host:port/db (default duckdb:./<name>.duckdb)"],
      ["--dataset NAME", "the schema the tables go to (default: the connector's name; one per account when --param picks the account)"],
      ["--base-url URL", "replaces client.base_url (staging, tests)"],
      ["--resource NAME", "sync only this resource (repeatable); a parent it needs still runs to feed it, unloaded"],
      [
        "--concurrency N",
        "requests in flight at once across the run (pages, child sequences, windows, resources), 1 to 64; overrides client.concurrency (default 4)",
      ],
      ["--full-refresh", "ignore incremental state; empty and refill the tables in the commit"],
      ["--json", "print the summary as JSON on stdout"],
      ["--replay DIR", "answer every request from DIR/recording.json (made by preview --record): offline, no secrets needed, no retry waits"],
      ["--quiet", "no progress on stderr, only warnings (a guessed paginator, quarantined records) and errors"],
      [
        "--log-format FMT",
        "text (default: a live line per running resource on a terminal, plain lines otherwise) or json (one JSON object per event per line on stderr)",
      ],
      ["--param K=V", "a run parameter K of the connector (repeatable); else GC_PARAM_<K> from the environment or .env, else its default"],
      ...DISTRIBUTED_SYNC_FLAGS,
    ],
  },
  preview: {
    usage:
      "gen-connector preview <config|generated dir> [--resource NAME]... [--max-pages N] [--max-records N] [--base-url URL] [--json] [--write-columns] [--record DIR] [--param K=V]...",
    summary: [
      "Run a connector's requests without a destination (no database, no state) and show, per resource: each request",
      "(method, URL with secrets masked, status, time), what the paginator and data selector decided and why (auto-",
      "detection included), a few records, and the columns the records suggest next to those declared. A config is",
      "generated in memory; parents feed their children as in a sync. Exit codes as sync.",
    ].join("\n"),
    flags: [
      ["--resource NAME", "preview only this resource (repeatable); a parent it needs still runs to feed it"],
      ["--max-pages N", "pages per request sequence (default 2; 0: no limit)"],
      ["--max-records N", "records per resource (default 100; 0: no limit)"],
      ["--base-url URL", "replaces client.base_url (staging, tests)"],
      ["--json", "print everything (requests, records, inferred columns) as JSON on stdout"],
      [
        "--write-columns",
        "write the inferred column types into the config's columns (a JSON config file; your hints are kept), then regenerate to type every field",
      ],
      [
        "--record DIR",
        "save the exchanges, secrets masked, to DIR/recording.json for `sync --replay DIR` and tests (lifts the page and record limits unless given)",
      ],
      ["--param K=V", "a run parameter K of the connector (repeatable); else GC_PARAM_<K> from the environment or .env, else its default"],
    ],
  },
  ...OPS_HELP,
  ...DISTRIBUTED_HELP,
};

export type HelpTopic = keyof typeof COMMAND_HELP;

/** Every command's usage line, under `usage:` (what a bad call prints after its error). */
export function usageText(): string {
  return ["usage:", ...Object.values(COMMAND_HELP).map((help) => `  ${help.usage}`), "  gen-connector --version"].join("\n");
}

/** What `gen-connector --help` prints. */
export function generalHelp(version: string): string {
  return [
    `gen-connector ${version}: typed TypeScript connectors from dlt rest_api configs and OpenAPI specs`,
    "",
    usageText(),
    "",
    "`gen-connector <command> --help` describes a command and its flags.",
  ].join("\n");
}

/** One command's help text. */
export function commandHelp(topic: HelpTopic): string {
  const help = COMMAND_HELP[topic];
  const width = Math.max(0, ...help.flags.map(([flag]) => flag.length));
  const flags = help.flags.map(([flag, meaning]) => `  ${flag.padEnd(width)}  ${meaning}`);
  return [`usage: ${help.usage}`, "", help.summary, ...(flags.length === 0 ? [] : ["", "flags:", ...flags, `  ${"--help".padEnd(width)}  this text`])].join(
    "\n",
  );
}

/** The candidate nearest to `word` (edit distance at most 2, and less than half its length); undefined when none is. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor((word.length - 1) / 2));
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance <= bestDistance && (best === undefined || distance < editDistance(word, best))) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edit distance counting insertions, deletions, substitutions and swaps of neighbours (`snyc` → `sync` is 1). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}
