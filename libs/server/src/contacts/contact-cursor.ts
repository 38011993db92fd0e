import { isUuid } from './is-uuid';

/**
 * The position after the last contact of a page, newest first: its created_at
 * (with the microseconds PostgreSQL keeps, which a JS Date would lose; a
 * whole import shares one created_at) and its id as the tie-break.
 * Opaque to clients: base64url of JSON.
 */
export type ContactCursor = { createdAt: string; id: string };

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeContactCursor(cursor: ContactCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

export function decodeContactCursor(text: string): ContactCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, id] = value as unknown[];
    if (
      typeof createdAt !== 'string' ||
      !TIMESTAMP.test(createdAt) ||
      typeof id !== 'string' ||
      !isUuid(id)
    )
      return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}
