import { createHmac } from 'node:crypto';
import {
  aGraph,
  aLiveCampaign,
  chain,
  ENGINE_ENV,
  enrollmentsOf,
  eventually,
} from './support/engine';
import type { HttpClient, HttpResponse } from './support/http-client';
import { aHook, HOOK_ENV } from './support/hooks';
import { Receiver } from './support/receiver';
import { sessionFrom } from './support/sessions';
import type { TestApp, TestWorkspace } from './support/test-app';
import { startTestApp } from './support/test-app';

type LogLine = Record<string, unknown> & {
  level: string;
  msg: string;
  context?: string;
  requestId?: string;
  req?: { method: string; url: string; headers: Record<string, unknown> };
};

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const ENGINE_CONTEXTS = ['StepRunner', 'DueWorkScanner'];

/** Standard Webhooks, from the spec: base64 HMAC-SHA256 of `id.timestamp.body` keyed with the bytes after `whsec_`. */
function signed(secret: string, id: string, body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
}

function expectStatus(res: HttpResponse, status: number): HttpResponse {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res;
}

/**
 * One real run at LOG_LEVEL=trace that handles every kind of secret Tideway
 * sees: an owner's password, session cookies and CSRF tokens, an API key, a
 * webhook's Basic password and Bearer token, signing secrets (a campaign
 * webhook's, an event hook's, an inbound endpoint's) and an inbound URL's
 * token. Every line logged meanwhile is captured, and none may contain any
 * of them.
 */
describe('logs of a real run', () => {
  const written: string[] = [];
  /** Each secret of the run, by what it is, as the test met it. */
  const secrets = new Map<string, string>();
  let app: TestApp | undefined;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await app?.close();
    await receiver.close();
  });

  it('are JSON lines with request and engine ids, and carry none of the secrets used', async () => {
    const started = await startTestApp(
      { ...ENGINE_ENV, ...HOOK_ENV, LOG_LEVEL: 'trace' },
      {},
      { write: (line: string) => void written.push(line) },
    );
    app = started;

    // The owner sets up with a password, then signs in again: two sessions, two CSRF tokens.
    const password = 'correct horse battery staple 42';
    secrets.set('password', password);
    const email = 'owner@example.test';
    const setup = expectStatus(
      await started.http.post('/api/v1/auth/setup', { email, password, workspaceName: 'Acme' }),
      201,
    );
    const first = sessionFrom(started, setup);
    const login = expectStatus(
      await started.http.post('/api/v1/auth/login', { email, password }),
      200,
    );
    const session = sessionFrom(started, login);
    for (const [name, value] of [
      ['first session cookie', first.cookie.split('=')[1]],
      ['first CSRF token', first.csrfToken],
      ['session cookie', session.cookie.split('=')[1]],
      ['CSRF token', session.csrfToken],
    ])
      secrets.set(name, value);
    expectStatus(
      await started.http.post('/api/v1/auth/login', { email, password: 'wrong password' }),
      401,
    );

    // An API key, made in the session and used as Bearer for the rest.
    const created = expectStatus(
      await session.client.post('/api/v1/api-keys', {
        name: 'CRM sync',
        scopes: [
          'contacts:read',
          'contacts:write',
          'campaigns:read',
          'campaigns:write',
          'hooks:read',
          'hooks:write',
        ],
      }),
      201,
    );
    secrets.set('API key', created.body.key);
    const client: HttpClient = started.http.with({ authorization: `Bearer ${created.body.key}` });
    const ws = { client } as TestWorkspace;

    // An event hook with its signing secret, told of every contact created.
    const hook = await aHook(ws, {
      target_url: `${receiver.url}/events`,
      event: 'contact_created',
    });
    secrets.set('event hook secret', hook.secret);

    // manual -> Send a Webhook (Basic + signing secret) -> Send a Webhook (Bearer) -> end
    const signingSecret = `whsec_${Buffer.from('a signing secret of 32 bytes!!!!').toString('base64')}`;
    secrets.set('signing secret', signingSecret);
    secrets.set('signing key', signingSecret.slice('whsec_'.length));
    secrets.set('Basic password', 'basic-pa55word-never-logged');
    secrets.set('Bearer token', 'bearer-t0ken-never-logged');
    const webhooks = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          [
            'basic',
            'action.sendWebhook',
            {
              url: `${receiver.url}/basic`,
              method: 'POST',
              contentType: 'form',
              body: { mode: 'postData', template: 'Email=[Email]' },
              auth: { type: 'basic', username: 'crm', password: secrets.get('Basic password') },
              secret: signingSecret,
            },
          ],
          [
            'bearer',
            'action.sendWebhook',
            {
              url: `${receiver.url}/bearer`,
              method: 'POST',
              contentType: 'json',
              body: { mode: 'postData', template: '{"email": "[Email]"}' },
              auth: { type: 'bearer', token: secrets.get('Bearer token') },
            },
          ],
          ['end', 'end'],
        ],
        chain('start', 'basic', 'bearer', 'end'),
      ),
    );
    const contact = expectStatus(
      await client.post('/api/v1/contacts', { email: 'ada@example.test' }),
      201,
    ).body;
    expectStatus(
      await client.post(`/api/v1/campaigns/${webhooks}/enrollments`, { contactIds: [contact.id] }),
      202,
    );
    const [enrollment] = await eventually(async () => {
      const rows = await enrollmentsOf(started, webhooks, contact.id);
      return rows[0]?.state === 'completed' ? rows : undefined;
    });
    expect(receiver.at('/basic')[0].headers.authorization).toMatch(/^Basic /);
    expect(receiver.at('/basic')[0].headers['webhook-signature']).toMatch(/^v1,/);
    expect(receiver.at('/bearer')[0].headers.authorization).toBe(
      `Bearer ${secrets.get('Bearer token')}`,
    );
    await eventually(async () => receiver.at('/events').length > 0);
    expect(receiver.at('/events')[0].headers['webhook-signature']).toMatch(/^v1,/);

    // An inbound endpoint that requires signatures, and a signed webhook to it.
    const inbound = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['hook', 'trigger.webhookReceived', {}],
          ['done', 'end'],
        ],
        chain('hook', 'done'),
      ),
    );
    const inboundSecret = expectStatus(
      await client.put(`/api/v1/campaigns/${inbound}/inbound/hook/secret`),
      200,
    ).body.secret as string;
    secrets.set('inbound secret', inboundSecret);
    const inboundUrl = new URL(
      (await client.get(`/api/v1/campaigns/${inbound}`)).body.inbound[0].url,
    );
    secrets.set('inbound token', inboundUrl.pathname.slice('/hooks/in/'.length));
    const body = JSON.stringify({ email: 'grace@example.test' });
    expectStatus(
      await started.http.request('POST', inboundUrl.pathname, {
        raw: body,
        contentType: 'application/json',
        headers: signed(inboundSecret, 'msg_logs_1', body),
      }),
      202,
    );

    // A caller's request id is kept; one that does not look like an id is replaced.
    const traced = await client.get('/api/v1/contacts', {
      headers: { 'x-request-id': 'trace-4f2a:01' },
    });
    expect(traced.headers.get('x-request-id')).toBe('trace-4f2a:01');
    const replaced = await client.get('/api/v1/contacts', {
      headers: { 'x-request-id': 'no spaces <allowed>' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    await started.close();
    app = undefined;

    // Every line is one JSON object with a level and a message.
    const output = written.join('');
    const lines: LogLine[] = output
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    for (const line of lines) {
      expect(LEVELS).toContain(line.level);
      expect(typeof line.msg).toBe('string');
    }

    // Each HTTP request is one line, with the id that its answer carried.
    const requests = lines.filter((line) => line.req);
    expect(requests.length).toBeGreaterThanOrEqual(10);
    for (const line of requests) expect(line.requestId).toEqual(expect.any(String));
    const requestIdOf = (res: HttpResponse) => res.headers.get('x-request-id');
    expect(requests.find((line) => line.requestId === 'trace-4f2a:01')).toMatchObject({
      req: { method: 'GET', url: '/api/v1/contacts' },
      res: { statusCode: 200 },
    });
    expect(requests.map((line) => line.requestId)).toContain(requestIdOf(replaced));
    // A service's line in a request names the request, too.
    expect(lines.find((line) => line.msg === 'signed in')).toMatchObject({
      context: 'Auth',
      requestId: requestIdOf(login),
    });
    expect(
      lines.find((line) => line.msg === 'sign-in refused: wrong email or password'),
    ).toMatchObject({
      level: 'warn',
      requestId: expect.any(String),
    });
    // The inbound URL is logged without its token; the headers without credentials.
    expect(requests.filter((line) => line.req?.url.startsWith('/hooks/in/'))).toEqual([
      expect.objectContaining({
        req: expect.objectContaining({
          url: '/hooks/in/[redacted]',
          headers: expect.objectContaining({ 'webhook-signature': '[redacted]' }),
        }),
      }),
    ]);
    expect(requests.find((line) => requestIdOf(login) === line.requestId)).toMatchObject({
      res: { headers: { 'set-cookie': '[redacted]' } },
    });

    // Engine lines name the enrollment and campaign; delivery lines the delivery, its webhook-id and campaign.
    const steps = lines.filter((line) => line.msg === 'step decided');
    expect(steps).toContainEqual(
      expect.objectContaining({
        context: 'StepRunner',
        enrollmentId: enrollment.id,
        campaignId: webhooks,
      }),
    );
    for (const line of lines.filter((line) => ENGINE_CONTEXTS.includes(line.context ?? ''))) {
      expect(line.context === 'DueWorkScanner' ? line.queue : line.enrollmentId).toEqual(
        expect.any(String),
      );
      expect(line).not.toHaveProperty('requestId');
    }
    const attempts = lines.filter((line) => line.context === 'DeliveryRunner');
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    for (const line of attempts) {
      expect(line).toMatchObject({ deliveryId: expect.any(String), webhookId: expect.any(String) });
    }
    expect(attempts.filter((line) => line.campaignId === webhooks)).toHaveLength(2);
    expect(attempts).toContainEqual(
      expect.objectContaining({ hookId: hook.id, status: 'succeeded' }),
    );

    // And not one secret, anywhere.
    for (const [name, secret] of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      if (output.includes(secret)) throw new Error(`the logs contain the ${name}`);
    }
  });
});
