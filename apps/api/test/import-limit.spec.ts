import { Readable } from 'node:stream';
import { allContacts, anApiKey, importCsv } from './support/contacts';
import type { TestApp } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('POST /api/v1/contacts/import over IMPORT_BODY_LIMIT', () => {
  const LIMIT = 1024 * 1024;
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ IMPORT_BODY_LIMIT: '1mb' });
  });
  afterAll(() => app.close());

  /** A valid CSV file of about `bytes` bytes, in chunks of 100 rows. */
  function* csvOfSize(bytes: number): Generator<string> {
    yield 'email,firstName\n';
    let sent = 0;
    for (let n = 0; sent < bytes; n += 100) {
      let chunk = '';
      for (let i = n; i < n + 100; i++)
        chunk += `someone${String(i).padStart(7, '0')}@limit.test,Someone\n`;
      sent += chunk.length;
      yield chunk;
    }
  }

  it('refuses at once a body whose Content-Length is over the limit, with 413 and the error shape', async () => {
    const ws = await aWorkspace(app);
    const res = await importCsv(ws, Buffer.from([...csvOfSize(LIMIT + 1000)].join('')));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: expect.stringContaining(String(LIMIT)),
    });
    expect(await allContacts(ws)).toEqual([]);
  });

  it('counts the bytes of a streamed body without Content-Length, refuses it with 413 past the limit and keeps no row', async () => {
    const ws = await aWorkspace(app);
    const key = await anApiKey(app, ws.workspaceId);
    const res = await fetch(`${app.url}/api/v1/contacts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body: Readable.from(csvOfSize(LIMIT * 2)) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    // Whole batches were written before the limit was reached; the import's one transaction took them back.
    expect(await allContacts(ws)).toEqual([]);
  });

  it('imports a file just under the limit', async () => {
    const ws = await aWorkspace(app);
    const body = Buffer.from([...csvOfSize(LIMIT - 50_000)].join(''));
    expect(body.length).toBeLessThan(LIMIT);
    const res = await importCsv(ws, body);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(body.toString().trim().split('\n').length - 1);
  });
});
