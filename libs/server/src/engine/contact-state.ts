import type { EngineContact } from '@tideway/engine';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';

const ENGINE_CONTACT_COLUMNS = `id, email, first_name AS "firstName", last_name AS "lastName", phone, fields, tags`;

/** The contact as the engine core reads it, or null when it was deleted. */
export async function loadEngineContact(
  manager: EntityManager,
  contactId: string,
): Promise<EngineContact | null> {
  const [row]: EngineContact[] = await manager.query(
    `SELECT ${ENGINE_CONTACT_COLUMNS} FROM contacts WHERE id = $1`,
    [contactId],
  );
  return row ?? null;
}

/** Several contacts by id, in one query; deleted ones are missing from the map. */
export async function loadEngineContacts(
  manager: EntityManager,
  contactIds: readonly string[],
): Promise<Map<string, EngineContact>> {
  if (contactIds.length === 0) return new Map();
  const rows = await preparedQuery<EngineContact>(
    manager,
    `SELECT ${ENGINE_CONTACT_COLUMNS} FROM contacts WHERE id = ANY ($1::uuid[])`,
    [contactIds],
  );
  return new Map(rows.map((row) => [row.id, row]));
}
