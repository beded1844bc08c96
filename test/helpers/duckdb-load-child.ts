// A child process for crash tests: opens the DuckDB file argv[2] with `threads` argv[3] and merges
// argv[4] seed-shaped rows into raw.tickets, printing "committing" before the commit (the parent
// SIGKILLs it then). Not a test file: run with `node --import tsx`.
import { openDuckDb } from "../../runtime/destinations/duckdb/index.ts";
import { beginTableLoad } from "../../runtime/destinations/table-load.ts";
import { spec } from "../runtime/destinations/load-fixtures.ts";
import { batches, TICKET, ticket } from "../runtime/destinations/duckdb-tickets.ts";

const [db, threads, rows] = process.argv.slice(2);
const dest = await openDuckDb(db ?? "", { threads: threads ?? "1" });
const load = await beginTableLoad(dest, "raw", spec("tickets", "merge", ["id"], TICKET));
for (const rowBatch of batches(TICKET, 1, Number(rows), (id) => ticket(id, 3))) await load.write(rowBatch);
process.stdout.write("committing\n");
await load.commit();
await dest.close();
process.stdout.write("committed\n");
