import type { DataSource } from 'typeorm';

/** Tables whose statistics long jobs keep fresh before walking them a chunk at a time. */
export type AnalyzedTable = 'contacts' | 'enrollments';

/** Share of a table's rows changed since it was last analyzed past which its statistics are stale (autovacuum's default). */
const STALE_SHARE = 0.1;

/**
 * Analyzes `table` unless its statistics are fresh. The embedded database
 * never runs autovacuum, and on PostgreSQL a large import outruns it: the
 * planner then takes a million contacts for a few hundred and plans a
 * chunk's keyset walk (`… AND id > $after ORDER BY id LIMIT n`) as "read
 * every row after $after, then sort", which makes each chunk cost what the
 * rest of the table holds. ANALYZE reads a fixed sample (30,000 rows at the
 * default target), so it costs about a second whatever the table's size.
 */
export async function refreshStatistics(db: DataSource, table: AnalyzedTable): Promise<void> {
  const [stats]: { analyzed: boolean; changed: number; live: number }[] = await db.query(
    `SELECT (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) AS analyzed,
            n_mod_since_analyze::float8 AS changed, n_live_tup::float8 AS live
       FROM pg_stat_user_tables WHERE relname = $1`,
    [table],
  );
  if (stats?.analyzed && stats.changed <= STALE_SHARE * Math.max(stats.live, 1)) return;
  await db.query(`ANALYZE ${table}`);
}
