// Help texts of the operations commands: what syncs left in a dataset (loads, state) and forgetting a
// resource's part of it (reset).

type Flag = readonly [flag: string, meaning: string];

/** help.ts's CommandHelp (not imported: help.ts imports this file). */
interface Help {
  readonly usage: string;
  readonly summary: string;
  readonly flags: readonly Flag[];
}

const WHERE: readonly Flag[] = [
  ["--destination URL", "the database the sync wrote to, as sync takes it (default duckdb:./<name>.duckdb); never created"],
  ["--dataset NAME", "the schema the sync wrote to (default: the connector's name)"],
];

export const OPS_HELP: Readonly<Record<"loads" | "state" | "reset", Help>> = {
  loads: {
    usage: "gen-connector loads <generated dir> [--destination URL] [--dataset NAME] [--resource NAME] [--limit N] [--json]",
    summary: [
      "Show the recent loads of each resource from the dataset's _gc_loads table: when, status (running, completed,",
      "failed), duration, records inserted/updated/unchanged/deleted/quarantined, and the error of a failed one",
      "(secrets were masked when it was written). A load left `running` is the trace of a killed sync. Exit 2 when",
      "the database or dataset does not exist, 1 when the destination fails.",
    ].join("\n"),
    flags: [
      ...WHERE,
      ["--resource NAME", "only this resource"],
      ["--limit N", "loads per resource, newest first (default 5; 0: all)"],
      ["--json", "print the loads as JSON on stdout"],
    ],
  },
  state: {
    usage: "gen-connector state <generated dir> [--destination URL] [--dataset NAME] [--json]",
    summary: [
      "Show the incremental cursors the syncs committed, per resource and, for a child resource, per parent record:",
      "the last value, the initial_value it started from, when and by which load it was written. A resource with",
      "no stored cursor starts from its initial_value on the next run. Exit codes as loads.",
    ].join("\n"),
    flags: [...WHERE, ["--json", "print the state as JSON on stdout"]],
  },
  reset: {
    usage: "gen-connector reset <generated dir> --resource NAME [--drop-tables] [--destination URL] [--dataset NAME] [--json]",
    summary: [
      "Forget a resource's incremental state so its next sync starts from initial_value; with --drop-tables also",
      "drop its table and nested tables (the next sync recreates them). One transaction; refused while a sync holds",
      "the dataset. The load history (_gc_loads) and quarantined records stay. Exit codes as loads.",
    ].join("\n"),
    flags: [
      ["--resource NAME", "the resource to reset (required)"],
      ["--drop-tables", "also drop the resource's table, its nested tables and their registrations"],
      ...WHERE,
      ["--json", "print what was dropped as JSON on stdout"],
    ],
  },
};
