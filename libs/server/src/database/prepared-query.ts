import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { EntityManager } from 'typeorm';

const names = new Map<string, string>();

/** The same text is the same statement name, in every process and on every connection. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `tideway_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs one of the engine's hot statements as a named prepared statement:
 * PostgreSQL parses it once per connection and, once it has seen a few runs,
 * plans it once, where a plain query is parsed and planned on every run
 * (parse and bind were about a fifth of the server's time per batch; see
 * docs/decisions/002-durable-engine.md). Answers the rows, of a SELECT or of
 * a RETURNING alike. Statements named here must list their columns: a
 * prepared `SELECT *` fails once a migration adds one.
 */
export async function preparedQuery<T>(
  manager: EntityManager,
  text: string,
  values: readonly unknown[],
): Promise<T[]> {
  const own = manager.queryRunner ? null : manager.connection.createQueryRunner();
  const runner = manager.queryRunner ?? own!;
  try {
    const client = (await runner.connect()) as ClientBase;
    const result = await client.query({ name: nameOf(text), text, values: [...values] });
    return result.rows as T[];
  } finally {
    await own?.release();
  }
}
