// Help texts of the distributed commands (worker, runs) and of sync's distributed flags.

type Flag = readonly [flag: string, meaning: string];

/** help.ts's CommandHelp (not imported: help.ts imports this file). */
interface Help {
  readonly usage: string;
  readonly summary: string;
  readonly flags: readonly Flag[];
}

/** sync's flags for a distributed run (help.ts appends them to sync's). */
export const DISTRIBUTED_SYNC_FLAGS: readonly Flag[] = [
  [
    "--distributed",
    "plan the run into partitions (a resource tree, or one incremental window) and enqueue them for `gen-connector worker` processes; prints the run id (postgres:// destinations only)",
  ],
  ["--workers N", "plan, enqueue, start N local worker processes, wait for the run and print the summary; exit 1 naming failed partitions"],
  ["--queue URL", "the Postgres holding the queue (default: the destination database, schema gen_connector_queue)"],
  ["--run ID", "rerun a distributed run: only its partitions without a committed marker run"],
  [
    "--pages-per-partition N",
    "also split each merge root paged by offset or page_number with a total into ranges of N pages (its first page is fetched to plan them); " +
      "a list that changes during the run shifts records between pages: duplicates merge away, and the records fetched are checked against the total at the end",
  ],
];

export const DISTRIBUTED_HELP: Readonly<Record<"worker" | "runs", Help>> = {
  worker: {
    usage: "gen-connector worker <generated dir> [--destination URL] [--queue URL] [--concurrency N] [--per-api N] [--base-url URL] [--param K=V]...",
    summary: [
      "Run partition jobs of distributed syncs (`sync --distributed`) until stopped, on any machine: each partition",
      "commits its rows, its marker, its share of the cursor and its job's completion in one transaction. Secrets come",
      "from this process's environment (jobs never carry them); a job planned from other generated code is refused.",
      "SIGTERM or SIGINT: claim nothing new, finish the partitions running (30 s at most; then their jobs are released",
      "and retried elsewhere), exit 0. A worker that dies is noticed by its missing heartbeat and its job retried.",
    ].join("\n"),
    flags: [
      ["--destination URL", "postgres://user:password@host:port/db, the database the runs write to (default: the connector's)"],
      ["--queue URL", "the Postgres holding the queue when it is not the destination (job completion then follows the commit)"],
      ["--concurrency N", "partitions this process runs at once, 1 to 64 (default 1); each runs client.concurrency requests"],
      [
        "--per-api N",
        "partitions of one API (base URL) running at once across every worker (default 4; give every worker the same); client.rate_limit is divided by it",
      ],
      ["--base-url URL", "replaces client.base_url (staging, tests)"],
      ["--param K=V", "a run parameter K of the connector (repeatable); else GC_PARAM_<K> from the environment or .env, else its default"],
    ],
  },
  runs: {
    usage: "gen-connector runs <generated dir> [--destination URL] [--dataset NAME] [--run ID] [--limit N] [--json]",
    summary: [
      "Show a dataset's distributed runs from _gc_runs and _gc_partitions: status (running, completed, failed and",
      "why), partitions committed of planned, and per partition its bounds, records, inserted/updated/unchanged, the",
      "worker and attempt that committed it, or `missing`. Exit 2 when the dataset does not exist.",
    ].join("\n"),
    flags: [
      ["--destination URL", "the database the runs wrote to (default: the connector's)"],
      ["--dataset NAME", "the schema the runs wrote to (default: the connector's name)"],
      ["--run ID", "only this run, every partition listed"],
      ["--limit N", "runs, newest first (default 10; 0: all)"],
      ["--json", "print the runs as JSON on stdout"],
    ],
  },
};
