import type { EntityManager } from 'typeorm';

/**
 * The rows of an `UPDATE|DELETE ... RETURNING`. TypeORM's `manager.query`
 * answers those statements with `[rows, rowCount]` rather than the rows, so
 * they go through the transaction's QueryRunner with a structured result.
 */
export async function rowsReturnedBy<T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  if (!manager.queryRunner)
    throw new Error('rowsReturnedBy needs the EntityManager of a transaction');
  const result = await manager.queryRunner.query(sql, parameters, true);
  return result.records as T[];
}
