// scd2 (dlt's slowly changing dimension type 2) for one root table, inside the commit transaction:
// active versions the load lacks are retired (valid-to set to the boundary), then the load's versions
// not active yet are inserted (valid from the boundary). Versions are compared on their version column,
// partitions on the merge key column by column (never as concatenated text, dlt #4244).
import type { ColumnSpec } from "../connector.ts";
import { DestinationError } from "../errors.ts";
import type { Final, StagedTable } from "./dialect.ts";
import { hardDeleteSql, matchSql, mergeOf } from "./merge-rules.ts";
import type { Scd2Columns } from "./scd2-spec.ts";
import { countOf } from "./sql-session.ts";
import { identList, quoteIdent } from "./sql.ts";
import type { WriteContext, Written } from "./write-context.ts";

/**
 * Applies `final` (one row per version) to `target` (quoted). Retires, besides hard-deleted versions'
 * keys, the active versions absent from the load: with a merge key, those of the partitions the load
 * names; else, after a complete extract, every one; else those whose primary key the load has (a
 * changed record). Returns the counts (a new version inserted, an active one unchanged, retired) and
 * the inserted versions, whose nested rows go in.
 */
export async function scd2Table(
  ds: WriteContext,
  staged: StagedTable,
  final: Final,
  columns: readonly ColumnSpec[],
  target: string,
  scd2: Scd2Columns,
): Promise<Written> {
  const { session } = ds;
  const merge = mergeOf(staged);
  // Literals, not parameters: the helper table of new versions is made by a CREATE … AS without them.
  const stamp = timestampSql(ds, scd2.boundary ?? ds.boundary); // the configured boundary, else the commit's
  const activeValue = scd2.active === null ? "NULL" : timestampSql(ds, scd2.active);
  const version = quoteIdent(scd2.version);
  const validTo = quoteIdent(scd2.validTo);
  const active = scd2.active === null ? `t.${validTo} IS NULL` : `t.${validTo} = ${activeValue}`;
  const flagged = hardDeleteSql(staged);
  const live = flagged === null ? final.ref : `(SELECT * FROM ${final.ref} AS f WHERE NOT (${flagged}))`;
  const mergeKey = merge.mergeKey ?? [];
  const partitionKey = mergeKey.length > 0 ? mergeKey : ds.complete ? [] : staged.table.spec.primaryKey;
  // Into a target known to be empty (final.ts's intoEmpty) there is nothing to retire and every version is
  // new: three statements, each reading every staged row, are skipped.
  const empty = final.intoEmpty;
  const retired =
    empty !== undefined || (partitionKey.length === 0 && !ds.complete)
      ? 0
      : await session.exec(retireSql({ target, live, final: final.ref, partitionKey, active, version, set: `${validTo} = ${stamp}` }));
  const total = empty !== undefined && flagged === null ? empty.rows : await countOf(session, `SELECT count(*) FROM ${live} AS f`);
  const stored = `EXISTS (SELECT 1 FROM ${target} AS t WHERE t.${version} = f.${version} AND ${active})`;
  const unchanged = empty !== undefined ? 0 : await countOf(session, `SELECT count(*) FROM ${live} AS f WHERE ${stored}`);
  // Every version new (a first load): the load's rows as they are, without a helper table.
  const fresh = unchanged === 0 ? live : await ds.scratch("versions", `SELECT * FROM ${live} AS f WHERE NOT ${stored}`);
  const names = identList(columns.map((c) => c.name));
  const validity = `${quoteIdent(scd2.validFrom)}, ${validTo}`;
  if (total > unchanged) {
    const plain = unchanged === 0 && flagged === null ? staged : null;
    await ds.dialect.streamed(session, plain, () =>
      session.exec(`INSERT INTO ${target} (${names}, ${validity}) SELECT ${names}, ${stamp}, ${activeValue} FROM ${fresh} AS f`),
    );
  }
  const inserted = total - unchanged;
  const counts = { inserted, updated: 0, unchanged: total - inserted, ...(retired > 0 ? { retired } : {}) };
  return { counts, nestedRoots: { ref: fresh, deduplicated: true } };
}

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** An ISO date or timestamp (validated by the config, or made by the commit) as a typed SQL literal; nothing else is spliced. */
function timestampSql(ds: WriteContext, text: string): string {
  if (!ISO.test(text)) throw new DestinationError(`scd2: ${JSON.stringify(text)} is not an ISO date or timestamp`);
  return `CAST('${text.replaceAll("'", "''")}' AS ${ds.dialect.types.target.timestamp})`;
}

/** The parts of the retire statement: tables and columns quoted, `active` and `set` over the target's alias `t`. */
export interface RetireParts {
  readonly target: string;
  /** The load's versions that stay (hard-deleted ones left out). */
  readonly live: string;
  /** The load's rows, whose partition keys scope the retirement. */
  readonly final: string;
  /** Unquoted; empty: every active version absent from the load is retired. */
  readonly partitionKey: readonly string[];
  readonly active: string;
  readonly version: string;
  readonly set: string;
}

/**
 * Retires the active versions absent from the load, within the partitions it names. The scope joins
 * the load's distinct partition keys rather than adding an EXISTS under the anti-join: Postgres
 * estimates that anti-join at one row and ran the EXISTS as a nested loop over the whole load per row
 * (a 1M-row rerun never finished).
 */
export function retireSql(p: RetireParts): string {
  const absent = `NOT EXISTS (SELECT 1 FROM ${p.live} AS v WHERE v.${p.version} = t.${p.version})`;
  if (p.partitionKey.length === 0) return `UPDATE ${p.target} AS t SET ${p.set} WHERE ${p.active} AND ${absent}`;
  const keys = `(SELECT DISTINCT ${identList(p.partitionKey)} FROM ${p.final}) AS f`;
  return `UPDATE ${p.target} AS t SET ${p.set} FROM ${keys} WHERE ${matchSql(p.partitionKey)} AND ${p.active} AND ${absent}`;
}
