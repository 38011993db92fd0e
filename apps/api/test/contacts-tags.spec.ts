import { aContact } from './support/contacts';
import type { TestApp } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('contact tags', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  describe('POST /api/v1/contacts/:id/tags', () => {
    it('adds the tag and answers the contact', async () => {
      const ws = await aWorkspace(app);
      const contact = await aContact(ws, { tags: ['a'] });
      const res = await ws.client.post(`/api/v1/contacts/${contact.id}/tags`, { tag: ' b ' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: contact.id, tags: ['a', 'b'] });
    });

    it('is idempotent: adding a tag the contact has changes nothing', async () => {
      const ws = await aWorkspace(app);
      const contact = await aContact(ws, { tags: ['a'] });
      const res = await ws.client.post(`/api/v1/contacts/${contact.id}/tags`, { tag: 'a' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(contact);
    });

    it.each([
      ['an empty tag', { tag: '' }],
      ['a tag with a semicolon', { tag: 'a;b' }],
      ['a tag over 64 characters', { tag: 'x'.repeat(65) }],
      ['no tag', {}],
    ])('refuses %s with 422 at tag and changes nothing', async (_case, body) => {
      const ws = await aWorkspace(app);
      const contact = await aContact(ws, { tags: ['a'] });
      const res = await ws.client.post(`/api/v1/contacts/${contact.id}/tags`, body);
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([{ path: 'tag', message: expect.any(String) }]);
      expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body).toEqual(contact);
    });

    it('refuses a 101st tag with 422 at tag', async () => {
      const ws = await aWorkspace(app);
      const contact = await aContact(ws, { tags: Array.from({ length: 100 }, (_, i) => `t${i}`) });
      const res = await ws.client.post(`/api/v1/contacts/${contact.id}/tags`, { tag: 'one-more' });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([{ path: 'tag', message: expect.stringContaining('100') }]);
      expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body.tags).toHaveLength(100);
    });

    it("answers 404 for another workspace's contact and leaves it alone", async () => {
      const owner = await aWorkspace(app);
      const theirs = await aContact(owner);
      const res = await (
        await aWorkspace(app)
      ).client.post(`/api/v1/contacts/${theirs.id}/tags`, { tag: 'x' });
      expect(res.status).toBe(404);
      expect((await owner.client.get(`/api/v1/contacts/${theirs.id}`)).body.tags).toEqual([]);
    });

    it('answers 404 for an id that is not a uuid', async () => {
      const ws = await aWorkspace(app);
      expect((await ws.client.post('/api/v1/contacts/123/tags', { tag: 'x' })).status).toBe(404);
    });

    it('needs contacts:write', async () => {
      const ws = await aWorkspace(app, ['contacts:read']);
      expect(
        (
          await ws.client.post('/api/v1/contacts/00000000-0000-4000-8000-000000000000/tags', {
            tag: 'x',
          })
        ).status,
      ).toBe(403);
    });
  });

  describe('DELETE /api/v1/contacts/:id/tags/:tag', () => {
    it('removes the tag, read from the URL-encoded path', async () => {
      const ws = await aWorkspace(app);
      const contact = await aContact(ws, { tags: ['keep', 'early bird/2024'] });
      const res = await ws.client.delete(
        `/api/v1/contacts/${contact.id}/tags/${encodeURIComponent('early bird/2024')}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.tags).toEqual(['keep']);
    });

    it('is idempotent: removing a tag the contact lacks answers 200 with the contact unchanged', async () => {
      const ws = await aWorkspace(app);
      const contact = await aContact(ws, { tags: ['keep'] });
      const res = await ws.client.delete(`/api/v1/contacts/${contact.id}/tags/absent`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(contact);
    });

    it("answers 404 for another workspace's contact and leaves its tags", async () => {
      const owner = await aWorkspace(app);
      const theirs = await aContact(owner, { tags: ['x'] });
      expect(
        (await (await aWorkspace(app)).client.delete(`/api/v1/contacts/${theirs.id}/tags/x`))
          .status,
      ).toBe(404);
      expect((await owner.client.get(`/api/v1/contacts/${theirs.id}`)).body.tags).toEqual(['x']);
    });

    it('needs contacts:write', async () => {
      const ws = await aWorkspace(app, ['contacts:read']);
      expect(
        (await ws.client.delete('/api/v1/contacts/00000000-0000-4000-8000-000000000000/tags/x'))
          .status,
      ).toBe(403);
    });
  });
});
