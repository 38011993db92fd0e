import { aContact, aField } from './support/contacts';
import type { TestApp } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('custom fields', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const fieldsOf = async (ws: Awaited<ReturnType<typeof aWorkspace>>) =>
    (await ws.client.get('/api/v1/fields')).body.data;

  describe('POST /api/v1/fields', () => {
    it.each(['text', 'number', 'date', 'boolean'])('defines a %s field', async (type) => {
      const ws = await aWorkspace(app);
      const res = await ws.client.post('/api/v1/fields', {
        key: 'favouriteThing',
        label: ' Favourite Thing ',
        type,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        key: 'favouriteThing',
        label: 'Favourite Thing',
        type,
        createdAt: expect.any(String),
      });
      expect(await fieldsOf(ws)).toEqual([res.body]);
    });

    it.each([
      ['a key starting with a capital', { key: 'Colour' }, 'key'],
      ['a key starting with a digit', { key: '1st' }, 'key'],
      ['a key with a dash', { key: 'fav-colour' }, 'key'],
      ['a key of 64 characters', { key: 'k'.repeat(64) }, 'key'],
      ['the built-in key email', { key: 'email' }, 'key'],
      ['the built-in key firstName', { key: 'firstName' }, 'key'],
      ['the built-in key tags', { key: 'tags' }, 'key'],
      ['the built-in key id', { key: 'id' }, 'key'],
      ['a label with [', { label: 'Colour [fav' }, 'label'],
      ['a label with ]', { label: 'Colour]' }, 'label'],
      ['an empty label', { label: '  ' }, 'label'],
      ['an unknown type', { type: 'color' }, 'type'],
      ['no type', { type: undefined }, 'type'],
    ])('refuses %s with 422 and defines nothing', async (_case, change, path) => {
      const ws = await aWorkspace(app);
      const res = await ws.client.post('/api/v1/fields', {
        key: 'colour',
        label: 'Colour',
        type: 'text',
        ...change,
      });
      expect(res.status).toBe(422);
      expect(res.body.details.map((d: { path: string }) => d.path)).toEqual([path]);
      expect(await fieldsOf(ws)).toEqual([]);
    });

    it('accepts a 63-character key with digits and underscores', async () => {
      const ws = await aWorkspace(app);
      const key = `a${'b_9'.repeat(20)}xy`;
      expect(key).toHaveLength(63);
      expect(
        (await ws.client.post('/api/v1/fields', { key, label: 'Long', type: 'text' })).status,
      ).toBe(201);
    });

    it('answers 409 for a key in use, and for a label in use in any case, defining nothing', async () => {
      const ws = await aWorkspace(app);
      const first = await aField(ws, { key: 'colour', label: 'Favourite Colour' });
      const sameKey = await ws.client.post('/api/v1/fields', {
        key: 'colour',
        label: 'Other',
        type: 'text',
      });
      expect(sameKey.status).toBe(409);
      expect(sameKey.body.details).toEqual([{ path: 'key', message: expect.any(String) }]);
      const sameLabel = await ws.client.post('/api/v1/fields', {
        key: 'other',
        label: 'favourite COLOUR',
        type: 'text',
      });
      expect(sameLabel.status).toBe(409);
      expect(sameLabel.body.details).toEqual([{ path: 'label', message: expect.any(String) }]);
      expect(await fieldsOf(ws)).toEqual([first]);
    });

    it('lets each workspace define its own fields', async () => {
      await aField(await aWorkspace(app), { key: 'colour', label: 'Colour' });
      const other = await aWorkspace(app);
      expect(
        (
          await other.client.post('/api/v1/fields', {
            key: 'colour',
            label: 'Colour',
            type: 'date',
          })
        ).status,
      ).toBe(201);
      expect(await fieldsOf(other)).toHaveLength(1);
    });

    it('needs contacts:write; contacts:read may list', async () => {
      const ws = await aWorkspace(app, ['contacts:read']);
      expect(
        (await ws.client.post('/api/v1/fields', { key: 'colour', label: 'Colour', type: 'text' }))
          .status,
      ).toBe(403);
      expect(await fieldsOf(ws)).toEqual([]);
      expect(
        (await (await aWorkspace(app, ['hooks:read'])).client.get('/api/v1/fields')).status,
      ).toBe(403);
    });
  });

  describe('PATCH /api/v1/fields/:id', () => {
    it('renames the field', async () => {
      const ws = await aWorkspace(app);
      const field = await aField(ws, { key: 'colour', label: 'Colour', type: 'text' });
      const res = await ws.client.patch(`/api/v1/fields/${field.id}`, {
        label: 'Favourite Colour',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...field, label: 'Favourite Colour' });
      expect(await fieldsOf(ws)).toEqual([res.body]);
    });

    it('may change the case of its own label', async () => {
      const ws = await aWorkspace(app);
      const field = await aField(ws, { key: 'colour', label: 'colour' });
      expect(
        (await ws.client.patch(`/api/v1/fields/${field.id}`, { label: 'Colour' })).status,
      ).toBe(200);
    });

    it.each([
      ['a label another field has', { label: 'taken' }, 409, 'label'],
      ['a label with a bracket', { label: '[Colour]' }, 422, 'label'],
      ['a new key (keys are fixed)', { label: 'Colour', key: 'color' }, 422, '(body)'],
      ['a new type (types are fixed)', { label: 'Colour', type: 'number' }, 422, '(body)'],
    ])('refuses %s and changes nothing', async (_case, body, status, path) => {
      const ws = await aWorkspace(app);
      await aField(ws, { key: 'other', label: 'Taken' });
      const field = await aField(ws, { key: 'colour', label: 'Colour' });
      const res = await ws.client.patch(`/api/v1/fields/${field.id}`, body);
      expect(res.status).toBe(status);
      expect(res.body.details.map((d: { path: string }) => d.path)).toEqual([path]);
      expect((await fieldsOf(ws)).find((f: { id: string }) => f.id === field.id)).toEqual(field);
    });

    it("answers 404 for another workspace's field, an unknown id and a non-uuid", async () => {
      const theirs = await aField(await aWorkspace(app), { key: 'colour', label: 'Colour' });
      const ws = await aWorkspace(app);
      for (const id of [theirs.id, '00000000-0000-4000-8000-000000000000', 'colour']) {
        expect((await ws.client.patch(`/api/v1/fields/${id}`, { label: 'Mine' })).status).toBe(404);
      }
    });
  });

  describe('DELETE /api/v1/fields/:id', () => {
    it('deletes the field and its values on every contact, freeing the key for another type', async () => {
      const ws = await aWorkspace(app);
      const field = await aField(ws, { key: 'age', label: 'Age', type: 'number' });
      await aField(ws, { key: 'city', label: 'City' });
      const contact = await aContact(ws, { fields: { age: 40, city: 'Rome' } });
      const res = await ws.client.delete(`/api/v1/fields/${field.id}`);
      expect(res.status).toBe(204);
      expect((await fieldsOf(ws)).map((f: { key: string }) => f.key)).toEqual(['city']);
      expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body.fields).toEqual({
        city: 'Rome',
      });
      expect(
        (await ws.client.post('/api/v1/fields', { key: 'age', label: 'Age', type: 'text' })).status,
      ).toBe(201);
    });

    it("answers 404 for another workspace's field and keeps it", async () => {
      const owner = await aWorkspace(app);
      const theirs = await aField(owner, { key: 'colour', label: 'Colour' });
      expect(
        (await (await aWorkspace(app)).client.delete(`/api/v1/fields/${theirs.id}`)).status,
      ).toBe(404);
      expect(await fieldsOf(owner)).toEqual([theirs]);
    });

    it('needs contacts:write', async () => {
      const ws = await aWorkspace(app, ['contacts:read']);
      expect(
        (await ws.client.delete('/api/v1/fields/00000000-0000-4000-8000-000000000000')).status,
      ).toBe(403);
    });
  });
});
