import type { Scope } from '@tideway/server';
import { hashToken, randomToken, SCOPES } from '@tideway/server';
import type { HttpResponse } from './http-client';
import type { TestApp, TestWorkspace } from './test-app';

/** Factories and helpers for the contacts, fields and import specs. */

export type FieldDefinition = {
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'boolean';
};

export async function aField(
  ws: TestWorkspace,
  field: Partial<FieldDefinition> & Pick<FieldDefinition, 'key'>,
) {
  const res = await ws.client.post('/api/v1/fields', { label: field.key, type: 'text', ...field });
  if (res.status !== 201) throw new Error(`aField: ${res.status} ${res.text}`);
  return res.body as FieldDefinition & { id: string; createdAt: string };
}

let contacts = 0;

export async function aContact(ws: TestWorkspace, input: Record<string, unknown> = {}) {
  const res = await ws.client.post('/api/v1/contacts', {
    email: `person${++contacts}@example.test`,
    ...input,
  });
  if (res.status !== 201) throw new Error(`aContact: ${res.status} ${res.text}`);
  return res.body;
}

export type ContactBody = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  fields: Record<string, unknown>;
  tags: string[];
  createdAt: string;
  updatedAt: string;
};

/** Every contact of the workspace, newest first, through the list route. */
export async function allContacts(ws: TestWorkspace): Promise<ContactBody[]> {
  const res = await ws.client.get('/api/v1/contacts?limit=500');
  if (res.status !== 200) throw new Error(`allContacts: ${res.status} ${res.text}`);
  return res.body.data;
}

export function csv(rows: readonly (readonly string[])[]): string {
  const cell = (value: string) =>
    /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

export function importCsv(
  ws: TestWorkspace,
  body: string | Buffer,
  contentType = 'text/csv',
): Promise<HttpResponse> {
  return ws.client.post('/api/v1/contacts/import', undefined, { raw: body, contentType });
}

/** A second API key for a workspace, as a raw token: for requests the HttpClient cannot make (streamed bodies). */
export async function anApiKey(
  app: TestApp,
  workspaceId: string,
  scopes: readonly Scope[] = SCOPES,
): Promise<string> {
  const key = randomToken('tw_');
  await app.db.query(
    `INSERT INTO api_keys (workspace_id, name, prefix, key_hash, scopes) VALUES ($1, 'stream', $2, $3, $4)`,
    [workspaceId, key.slice(0, 10), hashToken(key), scopes],
  );
  return key;
}
