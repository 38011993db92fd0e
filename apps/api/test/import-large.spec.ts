import { Readable } from 'node:stream';
import { aField, anApiKey } from './support/contacts';
import type { TestApp } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

/** 100,000 rows in one request, streamed in: the import must write them in batches without holding the file. */
describe('POST /api/v1/contacts/import with 100,000 rows', () => {
  const ROWS = 100_000;
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** The file, made as it is sent, 1000 rows per chunk. */
  function* generateCsv(version: string): Generator<string> {
    yield 'email,firstName,lastName,tags,score\n';
    for (let start = 0; start < ROWS; start += 1000) {
      let chunk = '';
      for (let n = start; n < start + 1000; n++)
        chunk += `person${n}@bulk.test,First${n},${version},bulk;${version},${n}\n`;
      yield chunk;
    }
  }

  it('creates them all, then a second import of the same emails updates them all', async () => {
    const ws = await aWorkspace(app);
    await aField(ws, { key: 'score', label: 'Score', type: 'number' });
    const key = await anApiKey(app, ws.workspaceId);

    const started = Date.now();
    const first = await fetch(`${app.url}/api/v1/contacts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body: Readable.from(generateCsv('v1')) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
    const firstMs = Date.now() - started;
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ created: ROWS, updated: 0, failed: [], failedTotal: 0 });

    const again = Date.now();
    const second = await ws.client.post('/api/v1/contacts/import', undefined, {
      raw: Buffer.from([...generateCsv('v2')].join('')),
      contentType: 'text/csv',
    });
    const secondMs = Date.now() - again;
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ created: 0, updated: ROWS, failed: [], failedTotal: 0 });
    console.info(
      `100k-row import on ${app.config.databaseUrl ? 'PostgreSQL' : 'PGlite'}: create ${firstMs} ms, update ${secondMs} ms`,
    );

    const all = await ws.client.get('/api/v1/contacts?limit=1');
    expect(all.body.total).toBe(ROWS);
    const one = await ws.client.get('/api/v1/contacts?search=person4242@bulk.test');
    expect(one.body.data).toEqual([
      expect.objectContaining({
        firstName: 'First4242',
        lastName: 'v2',
        tags: ['bulk', 'v1', 'v2'],
        fields: { score: 4242 },
      }),
    ]);
    expect((await ws.client.get('/api/v1/contacts?tag=v2&limit=1')).body.total).toBe(ROWS);
  }, 180_000);
});
