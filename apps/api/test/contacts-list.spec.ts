import { aContact } from './support/contacts';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('GET /api/v1/contacts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const emails = (page: { data: { email: string }[] }) => page.data.map((c) => c.email);

  describe('pages, newest first', () => {
    let ws: TestWorkspace;
    beforeAll(async () => {
      ws = await aWorkspace(app);
      for (const n of [1, 2, 3, 4, 5]) await aContact(ws, { email: `p${n}@example.test` });
    });

    it('walks every contact once with the cursor, counting them all in total', async () => {
      const first = await ws.client.get('/api/v1/contacts?limit=2');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 5, nextCursor: expect.any(String) });
      expect(emails(first.body)).toEqual(['p5@example.test', 'p4@example.test']);

      const second = await ws.client.get(
        `/api/v1/contacts?limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(emails(second.body)).toEqual(['p3@example.test', 'p2@example.test']);
      expect(second.body.total).toBe(5);

      const last = await ws.client.get(`/api/v1/contacts?limit=2&cursor=${second.body.nextCursor}`);
      expect(emails(last.body)).toEqual(['p1@example.test']);
      expect(last.body.nextCursor).toBeNull();
    });

    it('answers a full page without a cursor when nothing follows', async () => {
      const res = await ws.client.get('/api/v1/contacts?limit=5');
      expect(res.body.data).toHaveLength(5);
      expect(res.body.nextCursor).toBeNull();
    });

    it('orders contacts created in one instant by id, so none is skipped or repeated', async () => {
      const sameInstant = await aWorkspace(app);
      await app.db.query(
        `INSERT INTO contacts (workspace_id, email) SELECT $1, 'same' || n || '@example.test' FROM generate_series(1, 7) AS n`,
        [sameInstant.workspaceId],
      );
      const seen: string[] = [];
      let cursor = '';
      do {
        const res = await sameInstant.client.get(
          `/api/v1/contacts?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...emails(res.body));
        cursor = res.body.nextCursor ?? '';
      } while (cursor);
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      [`cursor=${Buffer.from('["yesterday","x"]').toString('base64url')}`, 'cursor'],
    ])('refuses %s with 422', async (query, path) => {
      const res = await ws.client.get(`/api/v1/contacts?${query}`);
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([{ path, message: expect.any(String) }]);
    });

    it('answers up to 50 by default and up to 500 when asked', async () => {
      const many = await aWorkspace(app);
      await app.db.query(
        `INSERT INTO contacts (workspace_id, email) SELECT $1, 'm' || n || '@example.test' FROM generate_series(1, 501) AS n`,
        [many.workspaceId],
      );
      const byDefault = await many.client.get('/api/v1/contacts');
      expect(byDefault.body.data).toHaveLength(50);
      expect(byDefault.body.total).toBe(501);
      const most = await many.client.get('/api/v1/contacts?limit=500');
      expect(most.body.data).toHaveLength(500);
      expect(most.body.nextCursor).toEqual(expect.any(String));
    });
  });

  describe('search and tag filters', () => {
    let ws: TestWorkspace;
    beforeAll(async () => {
      ws = await aWorkspace(app);
      await aContact(ws, {
        email: 'ada@lovelace.test',
        firstName: 'Ada',
        lastName: 'Lovelace',
        tags: ['math', 'vip'],
      });
      await aContact(ws, {
        email: 'alan@turing.test',
        firstName: 'Alan',
        lastName: 'Turing',
        phone: '+44 1234',
        tags: ['math'],
      });
      await aContact(ws, {
        email: 'grace_hopper@navy.test',
        firstName: 'Grace',
        lastName: 'Hopper',
        tags: ['vip'],
      });
      await aContact(ws, { email: 'percent@odd.test', firstName: '100%', lastName: 'Sure' });
    });

    it.each([
      ['an email, case-insensitively', 'TURING.test', ['alan@turing.test']],
      ['a first name', 'ada', ['ada@lovelace.test']],
      ['a last name', 'hopp', ['grace_hopper@navy.test']],
      ['a phone number', '1234', ['alan@turing.test']],
      ['% literally, not as a wildcard', '%', ['percent@odd.test']],
      ['_ literally, not as a wildcard', 'e_h', ['grace_hopper@navy.test']],
      ['nothing', 'zzz', []],
    ])('search matches %s', async (_case, search, expected) => {
      const res = await ws.client.get(`/api/v1/contacts?search=${encodeURIComponent(search)}`);
      expect(res.status).toBe(200);
      expect(emails(res.body).sort()).toEqual(expected);
      expect(res.body.total).toBe(expected.length);
    });

    it('tag keeps the contacts having that tag, and total counts them', async () => {
      const res = await ws.client.get('/api/v1/contacts?tag=vip');
      expect(emails(res.body)).toEqual(['grace_hopper@navy.test', 'ada@lovelace.test']);
      expect(res.body.total).toBe(2);
    });

    it('combines search and tag', async () => {
      const res = await ws.client.get('/api/v1/contacts?tag=math&search=alan');
      expect(emails(res.body)).toEqual(['alan@turing.test']);
      expect(res.body.total).toBe(1);
    });

    it('pages through a filter with total counting all matches', async () => {
      const first = await ws.client.get('/api/v1/contacts?tag=math&limit=1');
      expect(first.body).toMatchObject({ total: 2, nextCursor: expect.any(String) });
      const second = await ws.client.get(
        `/api/v1/contacts?tag=math&limit=1&cursor=${first.body.nextCursor}`,
      );
      expect(emails(second.body)).toEqual(['ada@lovelace.test']);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  it("never lists another workspace's contacts", async () => {
    const mine = await aWorkspace(app);
    await aContact(await aWorkspace(app), { email: 'theirs@example.test', tags: ['shared'] });
    const res = await mine.client.get('/api/v1/contacts?tag=shared');
    expect(res.body).toEqual({ data: [], nextCursor: null, total: 0 });
  });

  it('needs contacts:read', async () => {
    const ws = await aWorkspace(app, ['campaigns:read']);
    expect((await ws.client.get('/api/v1/contacts')).status).toBe(403);
    const reader = await aWorkspace(app, ['contacts:read']);
    expect((await reader.client.get('/api/v1/contacts')).status).toBe(200);
  });
});
