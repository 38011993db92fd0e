import type { Operation } from './support/api-routes';
import { declaredAccess, documentedOperations, fillPath, resourceOfId } from './support/api-routes';
import { csv } from './support/contacts';
import { aGraph, aLiveCampaign, chain } from './support/engine';
import { EXAMPLE_BODIES } from './support/example-bodies';
import type { FurnishedWorkspace } from './support/furnished-workspace';
import { aFurnishedWorkspace } from './support/furnished-workspace';
import type { HttpClient, HttpResponse } from './support/http-client';
import { HOOK_ENV } from './support/hooks';
import { Receiver } from './support/receiver';
import { aPerson, aSession, cookiesOf, sessionFrom, signIn } from './support/sessions';
import type { TestApp } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';
import { workspaceFingerprint } from './support/workspace-fingerprint';

/**
 * Browser sessions against a hostile web: cookie flags (Secure only when the
 * request really came over TLS), CSRF on every unsafe route, sessions that
 * end when they should, throttles that an X-Forwarded-For header cannot
 * dodge, and the security headers on every kind of answer. auth.spec,
 * auth-throttle.spec and inbound.spec hold the basics; this extends them.
 */
const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];
const RANDOM_ID = '3b0e7a52-9a51-4d0c-8f64-2b8f0b1d6c11';

function idIn(ws: FurnishedWorkspace, op: Operation, param: string): string | number {
  if (param === 'id') {
    const ids: Record<string, string | undefined> = {
      contacts: ws.ids.contact,
      fields: ws.ids.field,
      campaigns: ws.ids.campaign,
      deliveries: ws.ids.delivery,
      hooks: ws.ids.hook,
      'api-keys': ws.ids.apiKey,
      users: ws.ids.user,
      jobs: ws.ids.job,
    };
    return ids[resourceOfId(op)] ?? RANDOM_ID;
  }
  const others: Record<string, string | number> = {
    contactId: ws.ids.contact,
    n: 1,
    a: 1,
    b: 2,
    tag: ws.ids.tag,
    nodeId: ws.ids.inboundNode,
    token: ws.ids.inboundToken,
  };
  if (!(param in others)) throw new Error(`${op.key}: say what {${param}} is`);
  return others[param];
}

function callRoute(
  client: HttpClient,
  op: Operation,
  ws: FurnishedWorkspace,
  headers: Record<string, string> = {},
) {
  const path = fillPath(op, (param) => idIn(ws, op, param));
  if (op.bodyTypes.includes('text/csv')) {
    return client.request(op.method, path, {
      raw: csv([['email'], ['csrf@example.test']]),
      contentType: 'text/csv',
      headers,
    });
  }
  const body = op.bodyTypes.length ? EXAMPLE_BODIES[op.key]?.(ws) : undefined;
  return client.request(op.method, path, { headers, ...(body === undefined ? {} : { body }) });
}

describe('sessions against a hostile web', () => {
  let app: TestApp;
  let receiver: Receiver;
  let operations: Operation[];
  let ws: FurnishedWorkspace;

  beforeAll(async () => {
    receiver = await Receiver.start();
    app = await startTestApp({
      ...HOOK_ENV,
      RUN_WORKER: 'false',
      LOGIN_MAX_FAILURES: '3',
      INBOUND_RATE_PER_MINUTE: '5',
    });
    operations = await documentedOperations(app);
    ws = await aFurnishedWorkspace(app, receiver, { engine: false });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  describe('CSRF', () => {
    it('refuses every unsafe route to a cookie session without its own CSRF token, and changes nothing', async () => {
      const access = declaredAccess(app);
      const unsafe = operations.filter(
        (op) => UNSAFE.includes(op.method) && !access.get(op.key)!.public,
      );
      expect(unsafe.length).toBeGreaterThan(40);
      const session = await aSession(app, ws.workspaceId, 'owner');
      const other = await aSession(app, ws.workspaceId, 'owner');
      const attempts: [string, HttpClient, Record<string, string>][] = [
        ['no token', session.withoutCsrf, {}],
        ['a guessed token', session.withoutCsrf, { 'x-csrf-token': 'guess' }],
        ['an empty token', session.withoutCsrf, { 'x-csrf-token': '' }],
        ["another session's token", session.withoutCsrf, { 'x-csrf-token': other.csrfToken }],
        // Double submit is checked against the session's token, not against the readable cookie.
        [
          'a planted CSRF cookie echoed in the header',
          app.http.with({ cookie: `${session.cookie}; tideway_csrf=planted` }),
          { 'x-csrf-token': 'planted' },
        ],
        ['the token in a query string', session.withoutCsrf, {}],
      ];
      const before = await workspaceFingerprint(app.db, ws.workspaceId);
      const failures: string[] = [];
      for (const op of unsafe) {
        for (const [what, client, headers] of attempts) {
          const res =
            what === 'the token in a query string'
              ? await client.request(
                  op.method,
                  `${fillPath(op, (p) => idIn(ws, op, p))}?csrf=${session.csrfToken}&_csrf=${session.csrfToken}`,
                )
              : await callRoute(client, op, ws, headers);
          if (res.status !== 403 || !/CSRF/.test(res.body?.message ?? '')) {
            failures.push(`${what}: ${op.key} answered ${res.status} ${res.text.slice(0, 200)}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(await workspaceFingerprint(app.db, ws.workspaceId)).toEqual(before);
      // The session itself was never harmed.
      expect((await session.client.get('/api/v1/auth/me')).status).toBe(200);
    });

    it('does not let a method override or a safe method carry a change', async () => {
      const session = await aSession(app, ws.workspaceId, 'owner');
      const before = await workspaceFingerprint(app.db, ws.workspaceId);
      const path = `/api/v1/contacts/${ws.ids.contact}`;
      for (const header of ['x-http-method-override', 'x-http-method', 'x-method-override']) {
        const res = await session.withoutCsrf.get(path, { headers: { [header]: 'DELETE' } });
        expect(res.status).toBe(200);
      }
      expect((await session.withoutCsrf.get(`${path}?_method=DELETE`)).status).toBe(200);
      for (const method of ['OPTIONS', 'HEAD']) {
        const res = await session.withoutCsrf.request(method, path);
        expect(res.status).toBeLessThan(500);
      }
      const cross = await session.withoutCsrf.request('OPTIONS', '/api/v1/contacts', {
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(cross.headers.get('access-control-allow-origin')).toBeNull();
      expect(cross.headers.get('access-control-allow-credentials')).toBeNull();
      expect(await workspaceFingerprint(app.db, ws.workspaceId)).toEqual(before);
      expect((await ws.client.get(path)).status).toBe(200);
    });

    it('answers a cross-origin read without CORS headers, so a foreign page cannot read it', async () => {
      const session = await aSession(app, ws.workspaceId, 'owner');
      const res = await session.withoutCsrf.get('/api/v1/auth/me', {
        headers: { origin: 'https://evil.example' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('the end of a session', () => {
    it('makes a logged-out cookie and its CSRF token worthless on every route', async () => {
      const session = await aSession(app, ws.workspaceId, 'owner');
      const other = await signIn(app, session.email, session.password);
      expect((await session.client.post('/api/v1/auth/logout')).status).toBe(204);
      const before = await workspaceFingerprint(app.db, ws.workspaceId);
      const access = declaredAccess(app);
      const failures: string[] = [];
      for (const op of operations) {
        const rule = access.get(op.key)!;
        if (rule.public || rule.optional) continue;
        const res = await callRoute(session.client, op, ws);
        if (res.status !== 401) failures.push(`${op.key} answered ${res.status}`);
      }
      expect(failures).toEqual([]);
      expect(await workspaceFingerprint(app.db, ws.workspaceId)).toEqual(before);
      // The person's other session goes on.
      expect((await other.client.get('/api/v1/auth/me')).status).toBe(200);
    });

    it('gives a new session token at every sign-in and drops the one the browser held (no fixation)', async () => {
      const person = await aPerson(app, ws.workspaceId, 'editor');
      const first = await signIn(app, person.email, person.password);
      const again = await app.http.post(
        '/api/v1/auth/login',
        { email: person.email, password: person.password },
        { headers: { cookie: first.cookie } },
      );
      expect(again.status).toBe(200);
      const second = sessionFrom(app, again);
      expect(second.cookie).not.toBe(first.cookie);
      expect(second.csrfToken).not.toBe(first.csrfToken);
      expect((await first.client.get('/api/v1/auth/me')).status).toBe(401);
      expect((await second.client.get('/api/v1/auth/me')).status).toBe(200);
      // A token an attacker planted before the victim signs in is not adopted.
      const planted = await app.http.post(
        '/api/v1/auth/login',
        { email: person.email, password: person.password },
        { headers: { cookie: 'tideway_session=attacker-chosen-token' } },
      );
      expect(cookiesOf(planted).get('tideway_session')?.value).not.toBe('attacker-chosen-token');
      expect(
        (
          await app.http.get('/api/v1/auth/me', {
            headers: { cookie: 'tideway_session=attacker-chosen-token' },
          })
        ).status,
      ).toBe(401);
    });

    it('ends the sessions a person holds in every workspace when the password changes, but not the one that changed it', async () => {
      const person = await aPerson(app, ws.workspaceId, 'editor');
      const { workspaceId: second } = await aWorkspace(app);
      await app.db.query(
        `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'viewer')`,
        [second, person.userId],
      );
      const here = await signIn(app, person.email, person.password);
      const there = await signIn(app, person.email, person.password);
      expect(
        (await there.client.post('/api/v1/auth/workspace', { workspaceId: second })).status,
      ).toBe(200);
      const res = await here.client.post('/api/v1/auth/password', {
        currentPassword: person.password,
        newPassword: 'an entirely new password',
      });
      expect(res.status).toBe(204);
      expect((await here.client.get('/api/v1/auth/me')).status).toBe(200);
      expect((await there.client.get('/api/v1/auth/me')).status).toBe(401);
      expect(
        (await there.client.post('/api/v1/auth/workspace', { workspaceId: ws.workspaceId })).status,
      ).toBe(401);
      const [{ count }] = await app.db.query(
        `SELECT count(*)::int AS count FROM sessions WHERE user_id = $1`,
        [person.userId],
      );
      expect(count).toBe(1);
    });

    it('refuses a password change without the current password, whatever else is sent', async () => {
      const session = await aSession(app, ws.workspaceId, 'viewer');
      const [{ password_hash: before }] = await app.db.query(
        `SELECT password_hash FROM users WHERE id = $1`,
        [session.userId],
      );
      for (const body of [
        { newPassword: 'an entirely new password' },
        { currentPassword: '', newPassword: 'an entirely new password' },
        { currentPassword: 'wrong', newPassword: 'an entirely new password' },
        { currentPassword: session.password, newPassword: 'short' },
      ]) {
        expect((await session.client.post('/api/v1/auth/password', body)).status).toBe(422);
      }
      const [{ password_hash: after }] = await app.db.query(
        `SELECT password_hash FROM users WHERE id = $1`,
        [session.userId],
      );
      expect(after).toBe(before);
    });
  });

  describe('throttles', () => {
    afterEach(() => app.db.query(`DELETE FROM login_failures`));

    it('counts failed sign-ins per address however X-Forwarded-For is set (TRUST_PROXY is off)', async () => {
      const person = await aPerson(app, ws.workspaceId, 'viewer');
      // Spray many emails from one address, each request claiming another client: all count for the one address.
      for (let i = 0; i < 4; i++) {
        const res = await app.http.post(
          '/api/v1/auth/login',
          { email: `spray${i}@example.test`, password: 'guess' },
          { headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `198.51.100.${i}` } },
        );
        expect(res.status).toBe(401);
      }
      const ips: { ip: string }[] = await app.db.query(`SELECT DISTINCT ip FROM login_failures`);
      expect(ips).toEqual([{ ip: expect.stringMatching(/127\.0\.0\.1/) }]);
      // The rest of ten times LOGIN_MAX_FAILURES, from that address, without spending seconds on scrypt.
      await app.db.query(
        `INSERT INTO login_failures (email, ip) SELECT 'spray' || n || '@example.test', $1 FROM generate_series(4, 29) n`,
        [ips[0].ip],
      );
      const res = await app.http.post(
        '/api/v1/auth/login',
        { email: person.email, password: person.password },
        { headers: { 'x-forwarded-for': '192.0.2.77' } },
      );
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });

    it('throttles one email however many addresses try it', async () => {
      const person = await aPerson(app, ws.workspaceId, 'viewer');
      for (let i = 0; i < 3; i++) {
        await app.db.query(`INSERT INTO login_failures (email, ip) VALUES ($1, $2)`, [
          person.email,
          `203.0.113.${i}`,
        ]);
      }
      const res = await app.http.post('/api/v1/auth/login', {
        email: person.email.toUpperCase(),
        password: person.password,
      });
      expect(res.status).toBe(429);
      expect(cookiesOf(res).get('tideway_session')).toBeUndefined();
    });

    it('limits an inbound URL whatever the sender claims to be, and a limited request changes nothing', async () => {
      const campaign = await aLiveCampaign(
        ws,
        aGraph(
          [
            ['hook', 'trigger.webhookReceived', {}],
            ['done', 'end'],
          ],
          chain('hook', 'done'),
        ),
      );
      const url = new URL(
        (await ws.client.get(`/api/v1/campaigns/${campaign}`)).body.inbound[0].url as string,
      );
      const statuses: number[] = [];
      let limited: HttpResponse | undefined;
      for (let i = 0; i < 20 && !limited; i++) {
        const res = await app.http.post(
          url.pathname,
          { email: `burst${i}@example.test` },
          { headers: { 'x-forwarded-for': `203.0.113.${i}` } },
        );
        if (res.status === 429) limited = res;
        else statuses.push(res.status);
      }
      expect(statuses.every((status) => status === 202)).toBe(true);
      expect(limited?.status).toBe(429);
      const before = await workspaceFingerprint(app.db, ws.workspaceId);
      const again = await app.http.post(url.pathname, { email: 'over-the-limit@example.test' });
      expect(again.status).toBe(429);
      expect(Number(again.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await workspaceFingerprint(app.db, ws.workspaceId)).toEqual(before);
    });
  });

  describe('security headers', () => {
    function expectSecurityHeaders(res: HttpResponse, what: string): void {
      const header = (name: string) => res.headers.get(name) ?? `(no ${name} on ${what})`;
      expect(header('x-powered-by')).toBe(`(no x-powered-by on ${what})`);
      expect(header('x-content-type-options')).toBe('nosniff');
      expect(header('x-frame-options')).toBe('SAMEORIGIN');
      expect(header('referrer-policy')).toBe('no-referrer');
      expect(header('strict-transport-security')).toMatch(/max-age=\d{6,}/);
      expect(header('cross-origin-opener-policy')).toBe('same-origin');
      const csp = header('content-security-policy');
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'self'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).toMatch(/base-uri 'self'/);
      expect(csp).toMatch(/form-action 'self'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    }

    it('sets them on every kind of answer: data, errors, the docs, metrics and inbound webhooks', async () => {
      const answers: [string, Promise<HttpResponse>][] = [
        ['a JSON answer', ws.client.get('/api/v1/contacts')],
        ['a 401', app.http.get('/api/v1/contacts')],
        ['a 403', ws.owner.withoutCsrf.post('/api/v1/contacts', { email: 'x@example.test' })],
        ['a 404 of the API', ws.client.get('/api/v1/nothing-here')],
        ['a 404 of a resource', ws.client.get(`/api/v1/contacts/${RANDOM_ID}`)],
        ['a 422', ws.client.post('/api/v1/contacts', {})],
        [
          'malformed JSON (400)',
          ws.client.request('POST', '/api/v1/contacts', {
            raw: '{"email":',
            contentType: 'application/json',
          }),
        ],
        [
          'a body over the limit (413)',
          ws.client.request('POST', '/api/v1/contacts', {
            raw: `{"email":"${'x'.repeat(1_100_000)}"}`,
            contentType: 'application/json',
          }),
        ],
        [
          'a 429 sign-in',
          (async () => {
            for (let i = 0; i < 3; i++)
              await app.http.post('/api/v1/auth/login', {
                email: 'locked@example.test',
                password: 'x',
              });
            return app.http.post('/api/v1/auth/login', {
              email: 'locked@example.test',
              password: 'x',
            });
          })(),
        ],
        ['the health check', app.http.get('/api/health')],
        ['the API docs', app.http.get('/api/docs')],
        ['the OpenAPI document', app.http.get('/api/docs-json')],
        ['metrics', app.http.get('/metrics')],
        [
          'an inbound webhook',
          app.http.post(`/hooks/in/${ws.ids.inboundToken}`, { email: 'unsigned@example.test' }),
        ],
        [
          'an unknown inbound token',
          app.http.post('/hooks/in/twin_unknown', { email: 'x@example.test' }),
        ],
      ];
      for (const [what, pending] of answers) {
        const res = await pending;
        expect(res.status).toBeLessThan(500);
        expectSecurityHeaders(res, what);
        if (res.status >= 400 && (res.headers.get('content-type') ?? '').includes('json')) {
          expect(res.body).toMatchObject({
            statusCode: res.status,
            error: expect.any(String),
            message: expect.any(String),
          });
        }
      }
    });
  });
});

describe('sessions behind a TLS-terminating proxy (TRUST_PROXY=true)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ TRUST_PROXY: 'true', RUN_WORKER: 'false', SESSION_TTL_HOURS: '2' });
  });
  afterAll(() => app?.close());

  const overTls = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' };

  it('marks both cookies Secure when the request came over TLS, with the session lifetime', async () => {
    const { workspaceId } = await aWorkspace(app);
    const person = await aPerson(app, workspaceId, 'editor');
    const started = Date.now();
    const res = await app.http.post(
      '/api/v1/auth/login',
      { email: person.email, password: person.password },
      { headers: overTls },
    );
    expect(res.status).toBe(200);
    const cookies = cookiesOf(res);
    for (const name of ['tideway_session', 'tideway_csrf']) {
      const { attributes } = cookies.get(name)!;
      expect(attributes).toMatch(/;\s*Secure/i);
      expect(attributes).toMatch(/SameSite=Lax/i);
      expect(attributes).toMatch(/Path=\//);
      const expires = Date.parse(/Expires=([^;]+)/i.exec(attributes)![1]);
      expect(Math.abs(expires - started - 2 * 3_600_000)).toBeLessThan(60_000);
    }
    expect(cookies.get('tideway_session')!.attributes).toMatch(/HttpOnly/i);
    expect(cookies.get('tideway_csrf')!.attributes).not.toMatch(/HttpOnly/i);

    // Logging out over TLS clears them with the same flags, so the browser really drops them.
    const session = sessionFrom(app, res);
    const out = await session.client.post('/api/v1/auth/logout', undefined, { headers: overTls });
    expect(out.status).toBe(204);
    for (const { value, attributes } of cookiesOf(out).values()) {
      expect(value).toBe('');
      expect(attributes).toMatch(/;\s*Secure/i);
    }
  });

  it('leaves Secure off for plain http behind the proxy', async () => {
    const { workspaceId } = await aWorkspace(app);
    const person = await aPerson(app, workspaceId, 'editor');
    const res = await app.http.post(
      '/api/v1/auth/login',
      { email: person.email, password: person.password },
      { headers: { 'x-forwarded-proto': 'http' } },
    );
    expect(cookiesOf(res).get('tideway_session')!.attributes).not.toMatch(/Secure/i);
  });

  it('counts sign-in failures per client address the proxy reports', async () => {
    const { workspaceId } = await aWorkspace(app);
    const person = await aPerson(app, workspaceId, 'viewer');
    await app.http.post(
      '/api/v1/auth/login',
      { email: person.email, password: 'wrong' },
      { headers: overTls },
    );
    const [row] = await app.db.query(
      `SELECT ip FROM login_failures WHERE lower(email) = lower($1)`,
      [person.email],
    );
    expect(row.ip).toContain('198.51.100.7');
  });
});

describe('sessions without a trusted proxy (TRUST_PROXY unset)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RUN_WORKER: 'false' });
  });
  afterAll(() => app?.close());

  it('ignores a forged X-Forwarded-Proto: no Secure flag on plain http', async () => {
    const { workspaceId } = await aWorkspace(app);
    const person = await aPerson(app, workspaceId, 'editor');
    const res = await app.http.post(
      '/api/v1/auth/login',
      { email: person.email, password: person.password },
      { headers: { 'x-forwarded-proto': 'https' } },
    );
    expect(res.status).toBe(200);
    for (const { attributes } of cookiesOf(res).values()) expect(attributes).not.toMatch(/Secure/i);
  });
});
