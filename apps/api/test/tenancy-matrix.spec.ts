import type { Scope } from '@tideway/server';
import { hashToken, randomToken, SCOPES, SCOPES_OF_ROLE } from '@tideway/server';
import type { Access, Operation } from './support/api-routes';
import { declaredAccess, documentedOperations, fillPath, resourceOfId } from './support/api-routes';
import { csv } from './support/contacts';
import { ENGINE_ENV } from './support/engine';
import { EXAMPLE_BODIES } from './support/example-bodies';
import type { FurnishedWorkspace } from './support/furnished-workspace';
import { aFurnishedWorkspace, settled } from './support/furnished-workspace';
import type { HttpClient, HttpResponse } from './support/http-client';
import { HOOK_ENV } from './support/hooks';
import { Receiver } from './support/receiver';
import type { TestSession } from './support/sessions';
import { aSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { workspaceFingerprint } from './support/workspace-fingerprint';

/**
 * The tenancy and access matrix, generated from the live OpenAPI document:
 * every route, called by workspace A's owner with workspace B's ids, answers
 * 404 (or what its row below says) and changes nothing in B; every route
 * without valid credentials answers 401; every route answers 403 to an API
 * key or a role lacking a scope it needs. A route the document lists but this
 * file cannot classify fails the spec by name.
 */

/** Routes anyone may call (ARCHITECTURE.md: health, docs, sign-in, inbound webhooks, metrics). */
const PUBLIC_ROUTES = [
  'GET /api/health',
  'GET /api/health/ready',
  'GET /api/v1/auth/setup',
  'POST /api/v1/auth/setup',
  'POST /api/v1/auth/login',
  'POST /hooks/in/{token}',
  'GET /metrics',
];
/** Answers without credentials too (a logout with no session), but checks those sent. */
const OPTIONAL_AUTH_ROUTES = ['POST /api/v1/auth/logout'];
/** Routes outside the OpenAPI document: the queue dashboard is Bull Board's HTML, for signed-in admins. */
const UNDOCUMENTED_ROUTES = ['GET /admin/queues', 'GET /admin/queues/*path'];

type Requirement = { all: Scope[] } | { any: Scope[] };
/**
 * Routes that check scopes in code rather than with @RequireScopes. A job is
 * read with the read scope of its kind (checked once found: the caller's own
 * import job in the checks below).
 */
const SCOPES_IN_CODE: Record<string, Requirement> = {
  'GET /api/v1/jobs': { any: ['contacts:read', 'campaigns:read'] },
  'GET /api/v1/jobs/{id}': { all: ['contacts:read'] },
};
/** The workspace routes act for a person, which an API key does only with scope admin. */
const KEY_SCOPES_IN_CODE: Record<string, Requirement> = {
  'GET /api/v1/workspaces': { all: ['admin'] },
  'POST /api/v1/workspaces': { all: ['admin'] },
};
/** Routes a role lacks beyond its scopes. */
const OWNER_ONLY = ['POST /api/v1/workspaces'];

type CrossCase = {
  /** Answers allowed when A's owner calls it with B's ids (in path, query or body). */
  expect: number[];
  /** Whose ids fill the path; B's by default. */
  pathIds?: 'own' | 'other';
  /** The JSON body, naming B's things where the route takes ids. */
  body?: (own: FurnishedWorkspace, other: FurnishedWorkspace) => unknown;
  raw?: () => { text: string; contentType: string };
  query?: (other: FurnishedWorkspace) => string;
  /** Why the route is not called across workspaces. */
  skip?: string;
};

/**
 * Routes without a resource id in their path (or acting on the caller), and
 * routes whose ids mix both workspaces. Every other route with ids answers
 * 404 to B's, with the example body of support/example-bodies.ts.
 */
const CROSS_CASES: Record<string, CrossCase> = {
  'GET /api/health': { skip: 'public, holds no workspace data', expect: [] },
  'GET /api/health/ready': { skip: 'public, holds no workspace data', expect: [] },
  'GET /api/v1/auth/setup': { skip: 'public, holds no workspace data', expect: [] },
  'GET /metrics': { expect: [200] },
  'POST /api/v1/auth/setup': { expect: [409] },
  'POST /api/v1/auth/login': {
    skip: 'public; sign-in is per person, the throttle spec covers it',
    expect: [],
  },
  'POST /hooks/in/{token}': {
    skip: 'public; the token is the credential (inbound.spec)',
    expect: [],
  },
  'POST /api/v1/auth/logout': {
    skip: 'ends the caller’s own session; covered by sessions-security',
    expect: [],
  },
  'GET /api/v1/auth/me': { expect: [200] },
  'POST /api/v1/auth/workspace': {
    expect: [404],
    body: (_own, other) => ({ workspaceId: other.workspaceId }),
  },
  'POST /api/v1/auth/password': {
    expect: [422],
    body: () => ({
      currentPassword: 'not the current password',
      newPassword: 'a brand new password',
    }),
  },
  'GET /api/v1/users': { expect: [200] },
  'POST /api/v1/users': { expect: [201] },
  'GET /api/v1/workspaces': { expect: [200] },
  'POST /api/v1/workspaces': { expect: [201] },
  'GET /api/v1/api-keys': { expect: [200] },
  'POST /api/v1/api-keys': {
    expect: [404],
    body: (_own, other) => ({ name: 'Into B', scopes: ['admin'], workspaceId: other.workspaceId }),
  },
  'POST /api/v1/contacts/import': {
    expect: [200],
    raw: () => ({
      text: csv([
        ['email', 'tags'],
        [`import-${Date.now()}@example.test`, 'vip'],
      ]),
      contentType: 'text/csv',
    }),
  },
  'POST /api/v1/contacts': { expect: [201] },
  'GET /api/v1/contacts': {
    expect: [200],
    query: (other) => `?search=${encodeURIComponent(other.markers[3])}`,
  },
  'GET /api/v1/fields': { expect: [200] },
  'POST /api/v1/fields': { expect: [201] },
  'POST /api/v1/campaigns': { expect: [201] },
  'GET /api/v1/campaigns': { expect: [200] },
  'GET /api/v1/deliveries': {
    expect: [200],
    query: (other) =>
      `?campaignId=${other.ids.campaign}&contactId=${other.ids.contact}&hookId=${other.ids.hook}`,
  },
  'POST /api/v1/templates/preview': { expect: [404] },
  'GET /api/v1/hooks': { expect: [200] },
  // A campaign hook's resource_id must be a campaign of the caller's workspace.
  'POST /api/v1/hooks': {
    expect: [422],
    body: (_own, other) => ({
      data: {
        type: 'hooks',
        attributes: {
          target_url: 'https://hooks.example.com/b',
          event: 'campaign_enrolled',
          resource_id: other.ids.campaign,
        },
      },
    }),
  },
  'GET /api/v1/jobs': { expect: [200] },
  // The caller's campaign with the other workspace's contact.
  'DELETE /api/v1/campaigns/{id}/enrollments/{contactId}': { expect: [404], pathIds: 'own' },
  'POST /api/v1/campaigns/{id}/enrollments': {
    expect: [422],
    pathIds: 'own',
    body: (_own, other) => ({ contactIds: [other.ids.contact, other.ids.spareContact] }),
  },
  'POST /api/v1/campaigns/{id}/test-runs': {
    expect: [404],
    pathIds: 'own',
    body: (_own, other) => ({ contactId: other.ids.contact, mode: 'dry' }),
  },
};
for (const event of [
  'contact_created',
  'contact_updated',
  'contact_deleted',
  'tag_added',
  'tag_removed',
  'campaign_enrolled',
  'campaign_completed',
  'goal_achieved',
  'delivery_failed',
]) {
  CROSS_CASES[`GET /api/v1/hooks/${event}_sample`] = { expect: [200] };
}

/** What `{param}` is in a workspace, by the route. */
function idIn(ws: FurnishedWorkspace, op: Operation, param: string): string | number {
  switch (param) {
    case 'id': {
      const resource = resourceOfId(op);
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
      const id = ids[resource];
      if (!id) throw new Error(`${op.key}: no ${resource} id in the furnished workspace`);
      return id;
    }
    case 'contactId':
      return ws.ids.contact;
    case 'n':
    case 'a':
      return 1;
    case 'b':
      return 2;
    case 'tag':
      return ws.ids.tag;
    case 'nodeId':
      return ws.ids.inboundNode;
    case 'token':
      return ws.ids.inboundToken;
    default:
      throw new Error(`${op.key}: say what {${param}} is`);
  }
}

function send(
  client: HttpClient,
  op: Operation,
  path: string,
  options: { body?: unknown; raw?: { text: string; contentType: string } } = {},
): Promise<HttpResponse> {
  if (options.raw)
    return client.request(op.method, path, {
      raw: options.raw.text,
      contentType: options.raw.contentType,
    });
  return client.request(op.method, path, options.body === undefined ? {} : { body: options.body });
}

function describeAnswer(op: Operation, res: HttpResponse): string {
  return `${op.key} answered ${res.status}: ${res.text.slice(0, 300)}`;
}

describe('tenancy and access matrix (generated from /api/docs-json)', () => {
  let app: TestApp;
  let receiver: Receiver;
  let operations: Operation[];
  let access: Map<string, Access>;
  /** A calls; B is attacked. */
  let a: FurnishedWorkspace;
  let b: FurnishedWorkspace;
  let bBefore: Record<string, string>;
  const counts = { routes: 0, requests: 0 };

  beforeAll(async () => {
    receiver = await Receiver.start();
    app = await startTestApp({ ...ENGINE_ENV, ...HOOK_ENV });
    operations = await documentedOperations(app);
    access = declaredAccess(app);
    [a, b] = [
      await aFurnishedWorkspace(app, receiver, { engine: true }),
      await aFurnishedWorkspace(app, receiver, { engine: true }),
    ];
    bBefore = await workspaceFingerprint(app.db, b.workspaceId);
  }, 120_000);

  afterAll(async () => {
    console.info(
      `tenancy matrix: ${counts.routes} routes, ${counts.requests} requests, 0 answers of 500`,
    );
    await app?.close();
    await receiver?.close();
  });

  /** Sends, counts, and refuses any 5xx outright. */
  async function call(
    client: HttpClient,
    op: Operation,
    path: string,
    options?: Parameters<typeof send>[3],
  ) {
    counts.requests++;
    const res = await send(client, op, path, options);
    if (res.status >= 500) throw new Error(describeAnswer(op, res));
    return res;
  }

  function bodyFor(op: Operation, ws: FurnishedWorkspace): unknown {
    if (op.bodyTypes.length === 0) return undefined;
    return EXAMPLE_BODIES[op.key]?.(ws);
  }

  it('classifies every route: documented, declared and known to this spec', () => {
    const documented = operations.map((op) => op.key).sort();
    counts.routes = documented.length;
    expect(documented.length).toBeGreaterThan(70);
    const declared = [...access.keys()].sort();
    expect(declared.filter((key) => !documented.includes(key))).toEqual(UNDOCUMENTED_ROUTES);
    expect(documented.filter((key) => !access.has(key))).toEqual([]);

    const publicRoutes = declared.filter((key) => access.get(key)!.public);
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
    expect(declared.filter((key) => access.get(key)!.optional)).toEqual(OPTIONAL_AUTH_ROUTES);

    const unclassified = operations.filter((op) => {
      if (
        op.bodyTypes.includes('application/json') &&
        !EXAMPLE_BODIES[op.key] &&
        !CROSS_CASES[op.key]?.body
      )
        return true;
      if (op.bodyTypes.some((type) => type !== 'application/json') && !CROSS_CASES[op.key]?.raw)
        return true;
      const ids = op.params.filter((param) => param !== 'token');
      return ids.length === 0 && !CROSS_CASES[op.key];
    });
    expect(unclassified.map((op) => op.key)).toEqual([]);
    // Every route needs credentials and scopes unless it is public, session-only, or checks in code.
    const unguarded = operations.filter((op) => {
      const rule = access.get(op.key)!;
      const inCode = SCOPES_IN_CODE[op.key] ?? KEY_SCOPES_IN_CODE[op.key];
      return (
        !rule.public && !rule.optional && !rule.sessionOnly && rule.scopes.length === 0 && !inCode
      );
    });
    expect(unguarded.map((op) => op.key)).toEqual(['GET /api/v1/auth/me']);
  });

  it("answers 404 to A's owner for each of B's things, and changes nothing in B", async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const rule = CROSS_CASES[op.key];
      if (rule?.skip) continue;
      const pathWs = rule?.pathIds === 'own' ? a : b;
      const path =
        fillPath(op, (param) => idIn(param === 'contactId' ? b : pathWs, op, param)) +
        (rule?.query?.(b) ?? '');
      const body = rule?.body ? rule.body(a, b) : bodyFor(op, b);
      const res = await call(a.owner.client, op, path, { body, raw: rule?.raw?.() });
      const expected = rule?.expect ?? [404];
      if (!expected.includes(res.status))
        failures.push(`expected ${expected.join('|')}: ${describeAnswer(op, res)}`);
      for (const marker of b.markers) {
        if (res.text.includes(marker)) failures.push(`${op.key} answered B's ${marker}`);
      }
      const after = await workspaceFingerprint(app.db, b.workspaceId);
      if (JSON.stringify(after) !== JSON.stringify(bBefore)) {
        failures.push(`${op.key} changed B: ${JSON.stringify(diff(bBefore, after))}`);
        bBefore = after;
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 401 to every non-public route without valid credentials, and changes nothing', async () => {
    const revoked = await anOwnersKey(a, SCOPES);
    await app.db.query(`UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1`, [
      hashToken(revoked),
    ]);
    const expired = await aSession(app, a.workspaceId, 'owner');
    await app.db.query(
      `UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [expired.userId],
    );
    const callers: [string, HttpClient][] = [
      ['no credentials', app.http],
      ['an unknown API key', app.http.with({ authorization: 'Bearer tw_not-a-key-at-all' })],
      ['a revoked API key', app.http.with({ authorization: `Bearer ${revoked}` })],
      [
        'Basic credentials',
        app.http.with({
          authorization: `Basic ${Buffer.from(`${a.owner.email}:${a.owner.password}`).toString('base64')}`,
        }),
      ],
      [
        'an unknown session cookie',
        app.http.with({ cookie: 'tideway_session=not-a-session', 'x-csrf-token': 'x' }),
      ],
      ['an expired session', expired.client],
    ];
    // Contacts made in A above are still being announced by its event hook: wait for the engine.
    await settled(app, a.workspaceId);
    const aBefore = await workspaceFingerprint(app.db, a.workspaceId);
    const failures: string[] = [];
    for (const op of operations) {
      const rule = access.get(op.key)!;
      if (rule.public || rule.optional) continue;
      for (const [who, client] of callers) {
        const path = fillPath(op, (param) => idIn(a, op, param));
        const res = await call(client, op, path, {
          body: bodyFor(op, a),
          raw: CROSS_CASES[op.key]?.raw?.(),
        });
        if (res.status !== 401) failures.push(`${who}: ${describeAnswer(op, res)}`);
        else expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      }
    }
    expect(failures).toEqual([]);
    expect(
      diff(aBefore, await workspaceFingerprint(app.db, a.workspaceId), ['api_keys', 'sessions']),
    ).toEqual({});
    expect(await workspaceFingerprint(app.db, b.workspaceId)).toEqual(bBefore);
  });

  function requirementOf(op: Operation, via: 'apiKey' | 'session'): Requirement | undefined {
    const rule = access.get(op.key)!;
    if (SCOPES_IN_CODE[op.key]) return SCOPES_IN_CODE[op.key];
    if (via === 'apiKey' && KEY_SCOPES_IN_CODE[op.key]) return KEY_SCOPES_IN_CODE[op.key];
    return rule.scopes.length ? { all: rule.scopes } : undefined;
  }

  /** A key of A's owner (keys act for their creator where a person is needed). */
  async function anOwnersKey(ws: FurnishedWorkspace, scopes: readonly Scope[]): Promise<string> {
    const key = randomToken('tw_');
    await app.db.query(
      `INSERT INTO api_keys (workspace_id, name, prefix, key_hash, scopes, created_by) VALUES ($1, 'matrix', $2, $3, $4, $5)`,
      [ws.workspaceId, key.slice(0, 10), hashToken(key), scopes, ws.owner.userId],
    );
    return key;
  }

  /** The scope sets that lack what a route needs: every scope but one needed, or but all of `any`. */
  function lackingSets(requirement: Requirement): Scope[][] {
    if ('any' in requirement) return [SCOPES.filter((scope) => !requirement.any.includes(scope))];
    return requirement.all.map((missing) => SCOPES.filter((scope) => scope !== missing));
  }

  it('answers 403 to an API key lacking any scope a route needs, and lets one holding them through', async () => {
    const keys = new Map<string, HttpClient>();
    const keyWith = async (scopes: readonly Scope[]) => {
      const name = [...scopes].sort().join(',');
      if (!keys.has(name)) {
        keys.set(name, app.http.with({ authorization: `Bearer ${await anOwnersKey(a, scopes)}` }));
      }
      return keys.get(name)!;
    };
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const rule = access.get(op.key)!;
      if (rule.public || rule.optional) continue;
      const path = fillPath(op, (param) => idIn(a, op, param));
      if (rule.sessionOnly) {
        const res = await call(await keyWith(SCOPES), op, path, { body: bodyFor(op, a) });
        if (res.status !== 403)
          failures.push(`a key with every scope (session only): ${describeAnswer(op, res)}`);
        checked++;
        continue;
      }
      const requirement = requirementOf(op, 'apiKey');
      if (!requirement) continue;
      for (const scopes of lackingSets(requirement)) {
        const res = await call(await keyWith(scopes), op, path, {
          body: bodyFor(op, a),
          raw: CROSS_CASES[op.key]?.raw?.(),
        });
        if (res.status !== 403)
          failures.push(
            `a key without ${SCOPES.filter((s) => !scopes.includes(s)).join('+')}: ${describeAnswer(op, res)}`,
          );
        checked++;
      }
      // Holding exactly what it needs gets past the guard: B's ids then answer 404, never 401 or a
      // missing scope (a route's own rules may still refuse: granting scopes the key lacks, say).
      const needed = 'all' in requirement ? requirement.all : requirement.any.slice(0, 1);
      const holder = await keyWith(needed);
      const bPath = fillPath(op, (param) => idIn(b, op, param));
      const res = await call(holder, op, bPath, {
        body: bodyFor(op, a),
        raw: CROSS_CASES[op.key]?.raw?.(),
      });
      if (
        res.status === 401 ||
        (res.status === 403 && /^Missing scope|scope admin/.test(res.body.message))
      ) {
        failures.push(`a key with just ${needed.join('+')}: ${describeAnswer(op, res)}`);
      }
    }
    expect(checked).toBeGreaterThan(70);
    expect(failures).toEqual([]);
    expect(await workspaceFingerprint(app.db, b.workspaceId)).toEqual(bBefore);
  });

  it('answers 403 to each role for the routes its scopes do not reach', async () => {
    const sessions: [string, TestSession][] = [];
    for (const role of ['admin', 'editor', 'viewer'] as const)
      sessions.push([role, await aSession(app, a.workspaceId, role)]);
    const failures: string[] = [];
    for (const op of operations) {
      const rule = access.get(op.key)!;
      if (rule.public || rule.optional || op.key === 'POST /api/v1/auth/password') continue;
      const requirement = requirementOf(op, 'session');
      for (const [role, session] of sessions) {
        const scopes = SCOPES_OF_ROLE[role as keyof typeof SCOPES_OF_ROLE];
        const lacks =
          OWNER_ONLY.includes(op.key) ||
          (requirement &&
            'all' in requirement &&
            requirement.all.some((scope) => !scopes.includes(scope))) ||
          (requirement &&
            'any' in requirement &&
            !requirement.any.some((scope) => scopes.includes(scope)));
        // Session routes never act on a key's workspace: call them with B's ids, answered 404 when allowed.
        const path = fillPath(op, (param) => idIn(b, op, param));
        const res = await call(session.client, op, path, {
          body: bodyFor(op, a),
          raw: CROSS_CASES[op.key]?.raw?.(),
        });
        if (lacks && res.status !== 403)
          failures.push(`${role} should get 403: ${describeAnswer(op, res)}`);
        if (!lacks && [401, 403].includes(res.status))
          failures.push(`${role} should pass: ${describeAnswer(op, res)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await workspaceFingerprint(app.db, b.workspaceId)).toEqual(bBefore);
  });

  it('still shows B its own things afterwards (the matrix ran against real data)', async () => {
    for (const [path, marker] of [
      [`/api/v1/contacts/${b.ids.contact}`, b.ids.contact],
      [`/api/v1/campaigns/${b.ids.campaign}`, b.ids.campaign],
      [`/api/v1/deliveries/${b.ids.delivery}`, b.ids.delivery!],
      [`/api/v1/hooks/${b.ids.hook}`, b.ids.hook],
      [`/api/v1/jobs/${b.ids.job}`, b.ids.job],
    ]) {
      const res = await b.client.get(path);
      expect(res.status).toBe(200);
      expect(res.text).toContain(marker);
    }
  });
});

function diff(
  before: Record<string, string>,
  after: Record<string, string>,
  ignore: string[] = [],
) {
  const changed: Record<string, [string | undefined, string | undefined]> = {};
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!ignore.includes(table) && before[table] !== after[table])
      changed[table] = [before[table], after[table]];
  }
  return changed;
}
