import { aContact, aField, allContacts } from './support/contacts';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('contacts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('publishes its routes in the OpenAPI document', async () => {
    const { paths } = (await app.http.get('/api/docs-json')).body;
    for (const path of [
      '/api/v1/contacts',
      '/api/v1/contacts/{id}',
      '/api/v1/contacts/{id}/tags',
      '/api/v1/contacts/{id}/tags/{tag}',
      '/api/v1/contacts/import',
      '/api/v1/fields',
      '/api/v1/fields/{id}',
    ]) {
      expect(paths[path]).toBeDefined();
    }
    expect(paths['/api/v1/contacts/import'].post.requestBody.content['text/csv']).toBeDefined();
  });

  describe('POST /api/v1/contacts', () => {
    it('creates a contact with its attributes, custom fields and tags', async () => {
      const ws = await aWorkspace(app);
      await aField(ws, { key: 'favouriteColour', label: 'Favourite Colour', type: 'text' });
      const res = await ws.client.post('/api/v1/contacts', {
        email: '  Ann.Lee@Example.test ',
        firstName: 'Ann',
        lastName: 'Lee',
        phone: '+44 20 7946 0000',
        fields: { favouriteColour: 'teal' },
        tags: ['vip', ' newsletter ', 'vip'],
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        email: 'Ann.Lee@Example.test',
        firstName: 'Ann',
        lastName: 'Lee',
        phone: '+44 20 7946 0000',
        fields: { favouriteColour: 'teal' },
        tags: ['vip', 'newsletter'],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect((await ws.client.get(`/api/v1/contacts/${res.body.id}`)).body).toEqual(res.body);
    });

    it('stores attributes not given, or given empty, as null', async () => {
      const ws = await aWorkspace(app);
      const res = await ws.client.post('/api/v1/contacts', {
        email: 'bare@example.test',
        firstName: '  ',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        firstName: null,
        lastName: null,
        phone: null,
        fields: {},
        tags: [],
      });
    });

    it('answers 409 when the email exists in the workspace in any case, and creates nothing', async () => {
      const ws = await aWorkspace(app);
      await aContact(ws, { email: 'dup@example.test' });
      const res = await ws.client.post('/api/v1/contacts', { email: 'DUP@Example.TEST' });
      expect(res.status).toBe(409);
      expect(res.body.details).toEqual([{ path: 'email', message: expect.any(String) }]);
      expect(await allContacts(ws)).toHaveLength(1);
    });

    it('lets another workspace use the same email', async () => {
      await aContact(await aWorkspace(app), { email: 'shared@example.test' });
      const res = await (
        await aWorkspace(app)
      ).client.post('/api/v1/contacts', { email: 'shared@example.test' });
      expect(res.status).toBe(201);
    });

    it.each([
      ['no email', { firstName: 'A' }, 'email'],
      ['an invalid email', { email: 'not-an-email' }, 'email'],
      ['an empty tag', { email: 'a@example.test', tags: ['ok', ' '] }, 'tags[1]'],
      ['a tag with a comma', { email: 'a@example.test', tags: ['a,b'] }, 'tags[0]'],
      ['a tag with a semicolon', { email: 'a@example.test', tags: ['a;b'] }, 'tags[0]'],
      ['a tag over 64 characters', { email: 'a@example.test', tags: ['x'.repeat(65)] }, 'tags[0]'],
      [
        'more than 100 tags',
        { email: 'a@example.test', tags: Array.from({ length: 101 }, (_, i) => `t${i}`) },
        'tags',
      ],
      ['tags that are not a list', { email: 'a@example.test', tags: 'vip' }, 'tags'],
      ['a name that is not text', { email: 'a@example.test', firstName: 42 }, 'firstName'],
      [
        'a value for an undefined field',
        { email: 'a@example.test', fields: { shoeSize: 42 } },
        'fields.shoeSize',
      ],
      ['an unknown property', { email: 'a@example.test', nickname: 'A' }, '(body)'],
    ])('refuses %s with 422 and creates nothing', async (_case, body, path) => {
      const ws = await aWorkspace(app);
      const res = await ws.client.post('/api/v1/contacts', body);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(await allContacts(ws)).toEqual([]);
    });

    it('keeps 100 distinct tags, counting duplicates once', async () => {
      const ws = await aWorkspace(app);
      const tags = Array.from({ length: 100 }, (_, i) => `t${i}`);
      const res = await ws.client.post('/api/v1/contacts', {
        email: 'many@example.test',
        tags: [...tags, 't0', 't1'],
      });
      expect(res.status).toBe(201);
      expect(res.body.tags).toEqual(tags);
    });

    it('needs contacts:write', async () => {
      const ws = await aWorkspace(app, ['contacts:read']);
      const res = await ws.client.post('/api/v1/contacts', { email: 'reader@example.test' });
      expect(res.status).toBe(403);
      expect(await allContacts(ws)).toEqual([]);
    });

    it('needs credentials', async () => {
      expect((await app.http.post('/api/v1/contacts', { email: 'anon@example.test' })).status).toBe(
        401,
      );
    });
  });

  describe('custom field values', () => {
    let ws: TestWorkspace;
    beforeAll(async () => {
      ws = await aWorkspace(app);
      await aField(ws, { key: 'nickname', label: 'Nickname', type: 'text' });
      await aField(ws, { key: 'age', label: 'Age', type: 'number' });
      await aField(ws, { key: 'birthday', label: 'Birthday', type: 'date' });
      await aField(ws, { key: 'subscribed', label: 'Subscribed', type: 'boolean' });
    });

    it.each([
      ['text', 'nickname', 'Nan', 'Nan'],
      ['number', 'age', 42.5, 42.5],
      ['number', 'age', -3, -3],
      ['date', 'birthday', '1990-02-28', '1990-02-28'],
      ['date-time with Z', 'birthday', '2024-05-31T09:30:00Z', '2024-05-31T09:30:00.000Z'],
      [
        'date-time with an offset, stored in UTC',
        'birthday',
        '2024-05-31T09:30:00+02:00',
        '2024-05-31T07:30:00.000Z',
      ],
      ['boolean', 'subscribed', false, false],
    ])('accepts a %s value', async (_type, key, value, stored) => {
      const contact = await aContact(ws, { fields: { [key]: value } });
      expect(contact.fields).toEqual({ [key]: stored });
    });

    it.each([
      ['text', 7, 'nickname'],
      ['number', '42', 'age'],
      ['number', 'forty', 'age'],
      ['number', true, 'age'],
      ['date', '2023-02-29', 'birthday'],
      ['date', '31/05/2024', 'birthday'],
      ['date', '2024-05-31T09:30:00', 'birthday'],
      ['date', 20240531, 'birthday'],
      ['boolean', 'yes', 'subscribed'],
      ['boolean', 1, 'subscribed'],
    ])('refuses a %s field given %j with 422 at fields.<key>', async (_type, value, key) => {
      const before = await allContacts(ws);
      const res = await ws.client.post('/api/v1/contacts', {
        email: 'typed@example.test',
        fields: { [key]: value },
      });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([{ path: `fields.${key}`, message: expect.any(String) }]);
      expect(await allContacts(ws)).toEqual(before);
    });

    it('names every bad value at once', async () => {
      const res = await ws.client.post('/api/v1/contacts', {
        email: 'typed@example.test',
        fields: { age: 'x', unknown: 1 },
      });
      expect(res.status).toBe(422);
      expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
        'fields.age',
        'fields.unknown',
      ]);
    });
  });

  describe('GET /api/v1/contacts/:id', () => {
    it.each([
      ['an unknown id', () => '00000000-0000-4000-8000-000000000000'],
      ['an id that is not a uuid', () => 'not-a-uuid'],
    ])('answers 404 for %s', async (_case, id) => {
      const ws = await aWorkspace(app);
      const res = await ws.client.get(`/api/v1/contacts/${id()}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it("answers 404 for another workspace's contact", async () => {
      const theirs = await aContact(await aWorkspace(app));
      expect(
        (await (await aWorkspace(app)).client.get(`/api/v1/contacts/${theirs.id}`)).status,
      ).toBe(404);
    });

    it('is allowed with contacts:read alone', async () => {
      const ws = await aWorkspace(app);
      const contact = await aContact(ws);
      const reader = await aWorkspace(app, ['contacts:read']);
      await app.db.query(`UPDATE api_keys SET workspace_id = $1 WHERE workspace_id = $2`, [
        ws.workspaceId,
        reader.workspaceId,
      ]);
      expect((await reader.client.get(`/api/v1/contacts/${contact.id}`)).status).toBe(200);
    });
  });

  describe('PATCH /api/v1/contacts/:id', () => {
    it('changes only what is given: fields merge by key, null removes a key, tags replace the set', async () => {
      const ws = await aWorkspace(app);
      await aField(ws, { key: 'city', label: 'City' });
      await aField(ws, { key: 'age', label: 'Age', type: 'number' });
      const contact = await aContact(ws, {
        firstName: 'Bo',
        lastName: 'Ek',
        fields: { city: 'Oslo', age: 30 },
        tags: ['a', 'b'],
      });
      const res = await ws.client.patch(`/api/v1/contacts/${contact.id}`, {
        lastName: null,
        phone: '555',
        fields: { age: null, city: 'Bergen' },
        tags: ['c'],
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...contact,
        lastName: null,
        phone: '555',
        fields: { city: 'Bergen' },
        tags: ['c'],
        updatedAt: expect.any(String),
      });
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(contact.updatedAt));
      expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body).toEqual(res.body);
    });

    it('changes the email, and 409s when another contact has it, changing nothing', async () => {
      const ws = await aWorkspace(app);
      await aContact(ws, { email: 'taken@example.test' });
      const contact = await aContact(ws, { email: 'mine@example.test', firstName: 'Cy' });
      const moved = await ws.client.patch(`/api/v1/contacts/${contact.id}`, {
        email: 'Mine@Example.test',
      });
      expect(moved.status).toBe(200);
      expect(moved.body.email).toBe('Mine@Example.test');
      const res = await ws.client.patch(`/api/v1/contacts/${contact.id}`, {
        email: 'TAKEN@example.test',
        firstName: 'Di',
      });
      expect(res.status).toBe(409);
      expect(res.body.details).toEqual([{ path: 'email', message: expect.any(String) }]);
      expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body).toEqual(moved.body);
    });

    it.each([
      ['a bad field value', { firstName: 'Zed', fields: { age: 'old' } }, 'fields.age'],
      ['an undefined field', { firstName: 'Zed', fields: { shoe: 1 } }, 'fields.shoe'],
      ['a bad email', { firstName: 'Zed', email: 'nope' }, 'email'],
      ['a bad tag', { firstName: 'Zed', tags: ['ok', 'a;b'] }, 'tags[1]'],
    ])('refuses %s with 422 and changes nothing', async (_case, patch, path) => {
      const ws = await aWorkspace(app);
      await aField(ws, { key: 'age', label: 'Age', type: 'number' });
      const contact = await aContact(ws, { firstName: 'Al' });
      const res = await ws.client.patch(`/api/v1/contacts/${contact.id}`, patch);
      expect(res.status).toBe(422);
      expect(res.body.details.map((d: { path: string }) => d.path)).toEqual([path]);
      expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body).toEqual(contact);
    });

    it('leaves a contact as it was, updatedAt included, when nothing changes', async () => {
      const ws = await aWorkspace(app);
      const contact = await aContact(ws, { firstName: 'Ed', tags: ['x'] });
      const res = await ws.client.patch(`/api/v1/contacts/${contact.id}`, {
        firstName: 'Ed',
        tags: ['x'],
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(contact);
    });

    it("answers 404 for another workspace's contact and leaves it alone", async () => {
      const owner = await aWorkspace(app);
      const theirs = await aContact(owner, { firstName: 'Fay' });
      const res = await (
        await aWorkspace(app)
      ).client.patch(`/api/v1/contacts/${theirs.id}`, { firstName: 'Gus' });
      expect(res.status).toBe(404);
      expect((await owner.client.get(`/api/v1/contacts/${theirs.id}`)).body.firstName).toBe('Fay');
    });

    it('needs contacts:write', async () => {
      const ws = await aWorkspace(app, ['contacts:read']);
      const res = await ws.client.patch('/api/v1/contacts/00000000-0000-4000-8000-000000000000', {
        firstName: 'Hal',
      });
      expect(res.status).toBe(403);
    });
  });

  describe('DELETE /api/v1/contacts/:id', () => {
    it('deletes the contact: 204, then 404', async () => {
      const ws = await aWorkspace(app);
      const contact = await aContact(ws);
      const res = await ws.client.delete(`/api/v1/contacts/${contact.id}`);
      expect(res.status).toBe(204);
      expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).status).toBe(404);
      expect((await ws.client.delete(`/api/v1/contacts/${contact.id}`)).status).toBe(404);
    });

    it("answers 404 for another workspace's contact and keeps it", async () => {
      const owner = await aWorkspace(app);
      const theirs = await aContact(owner);
      expect(
        (await (await aWorkspace(app)).client.delete(`/api/v1/contacts/${theirs.id}`)).status,
      ).toBe(404);
      expect((await owner.client.get(`/api/v1/contacts/${theirs.id}`)).status).toBe(200);
    });

    it('needs contacts:write', async () => {
      const ws = await aWorkspace(app);
      const contact = await aContact(ws);
      const reader = await aWorkspace(app, ['contacts:read']);
      await app.db.query(`UPDATE api_keys SET workspace_id = $1 WHERE workspace_id = $2`, [
        ws.workspaceId,
        reader.workspaceId,
      ]);
      expect((await reader.client.delete(`/api/v1/contacts/${contact.id}`)).status).toBe(403);
      expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).status).toBe(200);
    });
  });
});
