import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

describe('GET /api/health', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers ok and names the database and queue in use', async () => {
    const res = await app.http.get('/api/health');
    expect(res.status).toBe(200);
    const expected = app.config.databaseUrl
      ? { status: 'ok', database: 'postgres', queue: 'bull' }
      : { status: 'ok', database: 'pglite', queue: 'inline' };
    expect(res.body).toEqual(expected);
  });

  it('publishes the OpenAPI document', async () => {
    const res = await app.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/api/health']).toBeDefined();
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    const res = await app.http.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('refuses a JSON body over 1 MB with 413', async () => {
    const res = await app.http.post('/api/health', undefined, {
      raw: JSON.stringify({ big: 'x'.repeat(1_100_000) }),
      contentType: 'application/json',
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('answers malformed JSON with 400', async () => {
    const res = await app.http.post('/api/health', undefined, { raw: '{"a":', contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/not valid JSON/);
  });
});
