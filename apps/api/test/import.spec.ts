import { aContact, aField, allContacts, csv, importCsv } from './support/contacts';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('POST /api/v1/contacts/import', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function aWorkspaceWithFields(): Promise<TestWorkspace> {
    const ws = await aWorkspace(app);
    await aField(ws, { key: 'age', label: 'Age', type: 'number' });
    await aField(ws, { key: 'birthday', label: 'Birthday', type: 'date' });
    await aField(ws, { key: 'subscribed', label: 'Subscribed', type: 'boolean' });
    await aField(ws, { key: 'city', label: 'City', type: 'text' });
    return ws;
  }

  const byEmail = async (ws: TestWorkspace) =>
    Object.fromEntries((await allContacts(ws)).map((c) => [c.email, c]));

  it('creates contacts from the columns given, reading types from text and tags separated by ;', async () => {
    const ws = await aWorkspaceWithFields();
    const res = await importCsv(
      ws,
      csv([
        [
          'email',
          'firstName',
          'lastName',
          'phone',
          'tags',
          'age',
          'birthday',
          'subscribed',
          'city',
        ],
        [
          'ann@example.test',
          'Ann',
          'Lee',
          '555-1',
          'vip; news ;vip',
          '41',
          '1983-04-01',
          'yes',
          'Oslo',
        ],
        ['bo@example.test', 'Bo', '', '', '', '0.5', '2024-05-31T09:30:00+02:00', '0', ''],
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 2, updated: 0, failed: [], failedTotal: 0 });
    const contacts = await byEmail(ws);
    expect(contacts['ann@example.test']).toMatchObject({
      firstName: 'Ann',
      lastName: 'Lee',
      phone: '555-1',
      tags: ['vip', 'news'],
      fields: { age: 41, birthday: '1983-04-01', subscribed: true, city: 'Oslo' },
    });
    expect(contacts['bo@example.test']).toMatchObject({
      firstName: 'Bo',
      lastName: null,
      phone: null,
      tags: [],
      fields: { age: 0.5, birthday: '2024-05-31T07:30:00.000Z', subscribed: false },
    });
  });

  it('updates existing contacts by email in any case: given columns change, empty cells keep values, tags and fields merge', async () => {
    const ws = await aWorkspaceWithFields();
    const existing = await aContact(ws, {
      email: 'Cy@Example.test',
      firstName: 'Cy',
      lastName: 'Old',
      phone: '111',
      tags: ['old'],
      fields: { city: 'Rome', age: 30 },
    });
    const res = await importCsv(
      ws,
      csv([
        ['lastName', 'email', 'tags', 'age'],
        ['New', 'cy@example.test', 'new;old', ''],
      ]),
    );
    expect(res.body).toEqual({ created: 0, updated: 1, failed: [], failedTotal: 0 });
    const [contact] = await allContacts(ws);
    expect(contact).toEqual({
      ...existing,
      email: 'cy@example.test',
      lastName: 'New',
      tags: ['old', 'new'],
      updatedAt: expect.any(String),
    });
  });

  it('skips bad rows, naming each by its data row number (header not counted), and imports the rest', async () => {
    const ws = await aWorkspaceWithFields();
    const res = await importCsv(
      ws,
      csv([
        ['email', 'age', 'birthday', 'subscribed', 'tags'],
        ['good1@example.test', '1', '', '', ''],
        ['not-an-email', '2', '', '', ''],
        ['bad-age@example.test', 'forty', '', '', ''],
        ['bad-date@example.test', '', '2023-02-29', '', ''],
        ['bad-bool@example.test', '', '', 'maybe', ''],
        ['bad-tag@example.test', '', '', '', `ok;${'x'.repeat(65)}`],
        ['', '3', '', '', ''],
        ['two-problems@example.test', 'x', 'y', '', ''],
        ['good2@example.test', '', '', '', ''],
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: 2,
      updated: 0,
      failedTotal: 7,
      failed: [
        { row: 2, message: expect.stringMatching(/^email: /) },
        { row: 3, message: expect.stringMatching(/^age: .*number/) },
        { row: 4, message: expect.stringMatching(/^birthday: /) },
        { row: 5, message: expect.stringMatching(/^subscribed: /) },
        { row: 6, message: expect.stringMatching(/^tags: .*64/) },
        { row: 7, message: expect.stringMatching(/^email: /) },
        { row: 8, message: expect.stringMatching(/^age: .*; birthday: /) },
      ],
    });
    expect(Object.keys(await byEmail(ws)).sort()).toEqual([
      'good1@example.test',
      'good2@example.test',
    ]);
  });

  it('refuses a row with more cells than the header names', async () => {
    const ws = await aWorkspace(app);
    const res = await importCsv(ws, 'email,firstName\na@example.test,A,extra\nb@example.test\n');
    expect(res.body).toEqual({
      created: 1,
      updated: 0,
      failedTotal: 1,
      failed: [{ row: 1, message: expect.stringContaining('3 cells') }],
    });
  });

  it('lets the later of two rows with one email win, counting the later as an update', async () => {
    const ws = await aWorkspace(app);
    const res = await importCsv(
      ws,
      csv([
        ['email', 'firstName', 'lastName', 'tags'],
        ['dup@example.test', 'First', 'Kept', 'a'],
        ['DUP@example.test', 'Second', '', 'b'],
      ]),
    );
    expect(res.body).toEqual({ created: 1, updated: 1, failed: [], failedTotal: 0 });
    expect(await allContacts(ws)).toEqual([
      expect.objectContaining({
        email: 'DUP@example.test',
        firstName: 'Second',
        lastName: 'Kept',
        tags: ['a', 'b'],
      }),
    ]);
  });

  it('refuses, per row, an update that would pass 100 tags on a contact', async () => {
    const ws = await aWorkspace(app);
    await aContact(ws, {
      email: 'full@example.test',
      tags: Array.from({ length: 100 }, (_, i) => `t${i}`),
    });
    const res = await importCsv(
      ws,
      csv([
        ['email', 'tags'],
        ['full@example.test', 'one-more'],
        ['fine@example.test', 'x'],
      ]),
    );
    expect(res.body).toEqual({
      created: 1,
      updated: 0,
      failedTotal: 1,
      failed: [{ row: 1, message: expect.stringContaining('100 tags') }],
    });
    expect((await byEmail(ws))['full@example.test'].tags).not.toContain('one-more');
  });

  it('reads a UTF-8 BOM, CRLF line ends, quoted cells and blank lines', async () => {
    const ws = await aWorkspace(app);
    const body =
      '\uFEFFemail,firstName\r\n"quoted@example.test","Smith, Jo"\r\n\r\nplain@example.test,Ål\r\n';
    const res = await importCsv(ws, body, 'text/csv; charset=utf-8');
    expect(res.body).toEqual({ created: 2, updated: 0, failed: [], failedTotal: 0 });
    expect((await byEmail(ws))['quoted@example.test'].firstName).toBe('Smith, Jo');
  });

  it.each([
    ['an unknown column', 'email,shoeSize\na@example.test,42\n', 'header[1]', /shoeSize/],
    ['a column twice', 'email,firstName,firstName\na@example.test,A,B\n', 'header[2]', /firstName/],
    ['no email column', 'firstName\nAnn\n', 'header', /email/],
    ['an empty file', '', 'header', /empty/],
  ])(
    'refuses a file with %s with 422 before writing any row',
    async (_case, body, path, message) => {
      const ws = await aWorkspace(app);
      const res = await importCsv(ws, body);
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([{ path, message: expect.stringMatching(message) }]);
      expect(await allContacts(ws)).toEqual([]);
    },
  );

  it('refuses malformed CSV with 422 and writes nothing, even rows before the fault', async () => {
    const ws = await aWorkspace(app);
    const rows = Array.from({ length: 1500 }, (_, i) => `ok${i}@example.test`).join('\n');
    const res = await importCsv(ws, `email\n${rows}\n"unclosed@example.test\n`);
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/malformed/);
    expect(await allContacts(ws)).toEqual([]);
  });

  it.each(['application/json', 'text/plain', 'multipart/form-data; boundary=x'])(
    'refuses Content-Type %s with 415 and writes nothing',
    async (contentType) => {
      const ws = await aWorkspace(app);
      const res = await importCsv(ws, 'email\na@example.test\n', contentType);
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
      expect(await allContacts(ws)).toEqual([]);
    },
  );

  it('imports into the caller’s workspace only', async () => {
    const other = await aWorkspace(app);
    await aContact(other, { email: 'same@example.test', firstName: 'Theirs' });
    const ws = await aWorkspace(app);
    const res = await importCsv(ws, 'email,firstName\nsame@example.test,Mine\n');
    expect(res.body).toMatchObject({ created: 1, updated: 0 });
    expect((await allContacts(other))[0].firstName).toBe('Theirs');
  });

  it('needs contacts:write', async () => {
    const ws = await aWorkspace(app, ['contacts:read']);
    const res = await importCsv(ws, 'email\na@example.test\n');
    expect(res.status).toBe(403);
    expect(await allContacts(ws)).toEqual([]);
  });
});
