import { createHmac } from 'node:crypto';
import type { Operation } from './support/api-routes';
import { documentedOperations, resourceOfId } from './support/api-routes';
import { ENGINE_ENV, eventually } from './support/engine';
import type { FurnishedWorkspace } from './support/furnished-workspace';
import { aFurnishedWorkspace, settled } from './support/furnished-workspace';
import type { HttpResponse } from './support/http-client';
import { HOOK_ENV } from './support/hooks';
import { Receiver } from './support/receiver';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/**
 * Secrets never leave in an answer. secrets.spec covers campaign graphs and
 * logs.spec the logs; this walks every read route of the OpenAPI document,
 * the delivery log of webhooks that really went out (Basic, Bearer, a signing
 * secret, an X-Api-Key header, an event hook's signature, a receiver's
 * Set-Cookie), test runs and hook rotation, and asserts that no password, key,
 * token or signing secret appears in any of them, nor in the stored attempts
 * or the logs. A redaction placeholder is what they show instead.
 */
const REDACTED = '[redacted]';
/**
 * Meant to be read back: the session's own CSRF token (GET /auth/me), and the
 * inbound URL's token, shown to whoever may read the campaign (API.md). The
 * logs hold neither.
 */
const VISIBLE_IN_ANSWERS = ['csrfToken', 'inboundToken'];

function standardWebhookHeaders(secret: string, body: string): Record<string, string> {
  const id = `msg_secrets_${Date.now()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
}

/** Each secret in every form it could leak in: as is, a whsec_ secret's key alone, Basic's base64 pair. */
function leakForms(secrets: Record<string, string>): Map<string, string> {
  const forms = new Map<string, string>();
  for (const [name, value] of Object.entries(secrets)) {
    forms.set(name, value);
    if (value.startsWith('whsec_')) forms.set(`${name} (key)`, value.slice('whsec_'.length));
  }
  forms.set('Basic credentials', Buffer.from(`crm:${secrets.basicPassword}`).toString('base64'));
  return forms;
}

describe('secrets in API answers and delivery logs', () => {
  let app: TestApp;
  let receiver: Receiver;
  let ws: FurnishedWorkspace;
  const logs: string[] = [];
  /** Every answer read, by what it was. */
  const answers: [string, HttpResponse][] = [];

  beforeAll(async () => {
    receiver = await Receiver.start();
    // A receiver that answers with credentials of its own.
    receiver.reply('/crm', {
      status: 200,
      body: '{"ok": true}',
      headers: {
        'set-cookie': 'sid=receiver-session-Wq73; HttpOnly',
        'x-auth-token': 'receiver-token-Pk52',
      },
    });
    app = await startTestApp(
      { ...ENGINE_ENV, ...HOOK_ENV, LOG_LEVEL: 'trace' },
      {},
      { write: (line: string) => void logs.push(line) },
    );
    ws = await aFurnishedWorkspace(app, receiver, { engine: true });
    ws.secrets.receiverCookie = 'receiver-session-Wq73';
    ws.secrets.receiverToken = 'receiver-token-Pk52';
    // The inbound path runs the Bearer webhook.
    const body = JSON.stringify({ email: 'inbound-secrets@example.test' });
    const inbound = await app.http.request('POST', `/hooks/in/${ws.ids.inboundToken}`, {
      raw: body,
      contentType: 'application/json',
      headers: standardWebhookHeaders(ws.secrets.inboundSecret, body),
    });
    expect(inbound.status).toBe(202);
    await eventually(async () => receiver.at('/bearer').length > 0);
    await settled(app, ws.workspaceId);
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  function expectNoSecrets(what: string, text: string): void {
    for (const [name, secret] of leakForms(ws.secrets)) {
      if (VISIBLE_IN_ANSWERS.includes(name)) continue;
      if (text.includes(secret)) throw new Error(`${what} shows the ${name}`);
    }
  }

  it('shows the webhooks went out with their credentials (so the checks below mean something)', () => {
    const crm = receiver.at('/crm')[0];
    expect(crm.headers.authorization).toBe(
      `Basic ${Buffer.from(`crm:${ws.secrets.basicPassword}`).toString('base64')}`,
    );
    expect(crm.headers['x-api-key']).toBe(ws.secrets.headerApiKey);
    expect(crm.headers['webhook-signature']).toMatch(/^v1,/);
    expect(receiver.at('/bearer')[0].headers.authorization).toBe(
      `Bearer ${ws.secrets.bearerToken}`,
    );
    expect(receiver.at('/events')[0].headers['webhook-signature']).toMatch(/^v1,/);
  });

  it('answers every read route of the document without a secret', async () => {
    const operations = (await documentedOperations(app)).filter((op) => op.method === 'GET');
    const deliveries: { id: string }[] = await app.db.query(
      `SELECT id FROM deliveries WHERE workspace_id = $1`,
      [ws.workspaceId],
    );
    expect(deliveries.length).toBeGreaterThanOrEqual(3);
    const contacts: { id: string }[] = await app.db.query(
      `SELECT id FROM contacts WHERE workspace_id = $1`,
      [ws.workspaceId],
    );
    const idsFor = (op: Operation, param: string): string[] => {
      const others: Record<string, string> = {
        n: '1',
        a: '1',
        b: '2',
        contactId: ws.ids.contact,
        tag: 'vip',
        nodeId: 'inbound',
      };
      if (param !== 'id') return others[param] ? [others[param]] : [];
      switch (resourceOfId(op)) {
        case 'deliveries':
          return deliveries.map((row) => row.id);
        case 'contacts':
          return contacts.map((row) => row.id);
        default:
          return [
            (
              {
                fields: ws.ids.field,
                campaigns: ws.ids.campaign,
                hooks: ws.ids.hook,
                jobs: ws.ids.job,
                users: ws.ids.user,
                'api-keys': ws.ids.apiKey,
              } as Record<string, string>
            )[resourceOfId(op)],
          ];
      }
    };
    for (const op of operations) {
      // Every combination of ids the route can take (every delivery, every contact).
      let paths = [op.path];
      for (const param of op.params) {
        const values = idsFor(op, param);
        if (values.length === 0) throw new Error(`${op.key}: say what {${param}} is`);
        paths = paths.flatMap((path) =>
          values.map((value) => path.replace(`{${param}}`, encodeURIComponent(value))),
        );
      }
      for (const path of paths) {
        for (const [who, client] of [
          ['the owner', ws.owner.client],
          ['an API key', ws.client],
        ] as const) {
          const res = await client.get(path);
          expect(res.status).toBeLessThan(500);
          answers.push([`${op.key} (${path}, as ${who})`, res]);
          expectNoSecrets(`GET ${path} as ${who}`, res.text);
        }
      }
    }
    expect(answers.length).toBeGreaterThan(60);
  });

  it('shows each attempt of the delivery log with credentials redacted and everything else kept', async () => {
    const res = await ws.client.get(`/api/v1/deliveries/${ws.ids.delivery}`);
    expect(res.status).toBe(200);
    const [attempt] = res.body.attempts;
    const header = (name: string, headers: { name: string; value: string }[]) =>
      headers.find((entry) => entry.name.toLowerCase() === name)?.value;
    // The delivery holds the request as rendered; Authorization and the signature are added per attempt.
    expect(header('x-api-key', res.body.request.headers)).toBe(REDACTED);
    expect(header('authorization', attempt.request.headers)).toBe(`Basic ${REDACTED}`);
    expect(header('x-api-key', attempt.request.headers)).toBe(REDACTED);
    expect(header('webhook-signature', attempt.request.headers)).toBe(REDACTED);
    expect(header('webhook-id', attempt.request.headers)).toEqual(expect.stringMatching(/^msg_/));
    expect(attempt.request.body).toContain('"plan"');
    expect(attempt.response.status).toBe(200);
    expect(attempt.response.headers['set-cookie']).toBe(REDACTED);
    expect(attempt.response.headers['x-auth-token']).toBe(REDACTED);
    expect(attempt.response.body).toContain('"ok"');

    const hookDelivery = await ws.client.get(`/api/v1/deliveries/${ws.ids.hookDelivery}`);
    expect(header('webhook-signature', hookDelivery.body.attempts[0].request.headers)).toBe(
      REDACTED,
    );

    // As stored, too: the delivery log in the database holds no secret either.
    const stored: { request: unknown; response: unknown; error: string | null }[] =
      await app.db.query(
        `SELECT a.request, a.response, a.error FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.workspace_id = $1`,
        [ws.workspaceId],
      );
    expect(stored.length).toBeGreaterThanOrEqual(3);
    expectNoSecrets('the stored delivery attempts', JSON.stringify(stored));
  });

  it('renders test runs, dry and live, with credentials redacted', async () => {
    for (const mode of ['dry', 'live']) {
      for (const startNodeId of ['start', 'inbound']) {
        const res = await ws.client.post(`/api/v1/campaigns/${ws.ids.campaign}/test-runs`, {
          contact: { email: 'test-run@example.test', fields: { plan: 'pro' } },
          mode,
          startNodeId,
        });
        expect(res.status).toBe(200);
        const webhook = res.body.path.find(
          (step: { type: string }) => step.type === 'action.sendWebhook',
        );
        expect(webhook.output.request.headers).toContainEqual({
          name: 'Authorization',
          value: startNodeId === 'start' ? `Basic ${REDACTED}` : `Bearer ${REDACTED}`,
        });
        if (mode === 'live' && startNodeId === 'start')
          expect(webhook.output.response.headers['set-cookie']).toBe(REDACTED);
        expectNoSecrets(`a ${mode} test run from ${startNodeId}`, res.text);
      }
    }
  });

  it('shows a hook secret once, when made or rotated, and never again', async () => {
    const rotated = await ws.client.post(`/api/v1/hooks/${ws.ids.hook}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const secret: string = rotated.body.data.attributes.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(rotated.text).not.toContain(ws.secrets.hookSecret);
    ws.secrets.rotatedHookSecret = secret;
    for (const path of ['/api/v1/hooks', `/api/v1/hooks/${ws.ids.hook}`]) {
      expectNoSecrets(`GET ${path} after rotation`, (await ws.client.get(path)).text);
    }
    const patched = await ws.client.patch(`/api/v1/hooks/${ws.ids.hook}`, {
      data: { type: 'hooks', attributes: { active: true } },
    });
    expect(patched.status).toBe(200);
    expectNoSecrets('PATCH of a hook', patched.text);
    // The inbound secret: shown once when made, after that only whether there is one.
    const inbound = await ws.client.get(`/api/v1/campaigns/${ws.ids.campaign}/inbound`);
    expect(inbound.body.data).toContainEqual(
      expect.objectContaining({ nodeId: 'inbound', hasSecret: true }),
    );
    expectNoSecrets('the inbound endpoints', inbound.text);
  });

  it('logs none of them either', async () => {
    await settled(app, ws.workspaceId);
    const output = logs.join('');
    expect(output.length).toBeGreaterThan(1000);
    for (const [name, secret] of leakForms(ws.secrets)) {
      if (output.includes(secret)) throw new Error(`the logs contain the ${name}`);
    }
  });
});
