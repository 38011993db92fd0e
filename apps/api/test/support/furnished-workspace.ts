import { aContact, aField, csv, importCsv } from './contacts';
import { eventually } from './engine';
import type { HttpResponse } from './http-client';
import { aHook } from './hooks';
import type { Receiver } from './receiver';
import type { TestSession } from './sessions';
import { aSession, aPerson } from './sessions';
import type { TestApp, TestWorkspace } from './test-app';
import { aWorkspace } from './test-app';

/**
 * A workspace holding one of every kind of thing the API manages, each
 * carrying a secret where it has one: for specs that walk every route
 * (tenancy, fuzzing, secrets). Webhooks go to `receiver`; the app must allow
 * http and 127.0.0.1 (HOOK_ENV). With the engine running (ENGINE_ENV) the
 * enrollment sends its webhook, so the workspace also has deliveries, and the
 * factory waits until the engine is done with it (the contact waits a day).
 */
export type FurnishedWorkspace = TestWorkspace & {
  owner: TestSession & { userId: string; email: string; password: string };
  ids: {
    contact: string;
    /** A second contact, enrolled nowhere. */
    spareContact: string;
    field: string;
    campaign: string;
    apiKey: string;
    hook: string;
    /** A member (editor) of this workspace only. */
    user: string;
    job: string;
    /** A delivery of the campaign's webhook; absent when the engine does not run. */
    delivery?: string;
    /** A delivery of the event hook. */
    hookDelivery?: string;
    tag: string;
    /** The campaign's `trigger.webhookReceived` element. */
    inboundNode: string;
    inboundToken: string;
  };
  /** Every secret the workspace holds, by what it is. */
  secrets: Record<string, string>;
  /** Strings that identify this workspace's things: another workspace's answers must not contain them. */
  markers: string[];
};

let counter = 0;

/**
 * Waits until the engine has nothing left to do in the workspace: no contact
 * ready to move, no delivery waiting to be sent. Then a fingerprint taken
 * now changes only when a request changes something.
 */
export async function settled(app: TestApp, workspaceId: string): Promise<void> {
  await eventually(async () => {
    const [{ busy }] = await app.db.query(
      `SELECT (SELECT count(*) FROM enrollments WHERE workspace_id = $1 AND state = 'ready')
            + (SELECT count(*) FROM deliveries WHERE workspace_id = $1 AND status IN ('pending', 'retrying')) AS busy`,
      [workspaceId],
    );
    return Number(busy) === 0;
  }, 30_000);
}

function expectStatus(res: HttpResponse, status: number, what: string): HttpResponse {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status}: ${res.text}`);
  return res;
}

/**
 *   [start: manual] -> [send: webhook, Basic + signing secret + X-Api-Key] -> [wait: 1 day] -> [end]
 *   [inbound: webhook received] -> [done]
 */
export function furnishedGraph(receiverUrl: string, secrets: Record<string, string>) {
  const at = (x: number, y = 0) => ({ x, y });
  return {
    nodes: [
      { id: 'start', type: 'trigger.manual', position: at(0), data: { config: {} } },
      {
        id: 'send',
        type: 'action.sendWebhook',
        position: at(200),
        data: {
          label: 'To the CRM',
          config: {
            url: `${receiverUrl}/crm`,
            method: 'POST',
            contentType: 'json',
            body: { mode: 'postData', template: '{"email": [Email], "plan": [Plan]}' },
            headers: [{ name: 'X-Api-Key', value: secrets.headerApiKey }],
            auth: { type: 'basic', username: 'crm', password: secrets.basicPassword },
            secret: secrets.signingSecret,
            logResponseBody: true,
          },
        },
      },
      {
        id: 'wait',
        type: 'wait.delay',
        position: at(400),
        data: { config: { amount: 1, unit: 'days' } },
      },
      { id: 'end', type: 'end', position: at(600), data: { config: {} } },
      {
        id: 'inbound',
        type: 'trigger.webhookReceived',
        position: at(0, 200),
        data: { config: {} },
      },
      {
        id: 'bearer',
        type: 'action.sendWebhook',
        position: at(200, 200),
        data: {
          config: {
            url: `${receiverUrl}/bearer`,
            method: 'POST',
            contentType: 'form',
            body: { mode: 'postData', template: 'email=[Email]' },
            auth: { type: 'bearer', token: secrets.bearerToken },
          },
        },
      },
      { id: 'done', type: 'end', position: at(400, 200), data: { config: {} } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'send' },
      { id: 'e2', source: 'send', target: 'wait' },
      { id: 'e3', source: 'wait', target: 'end' },
      { id: 'e4', source: 'inbound', target: 'bearer' },
      { id: 'e5', source: 'bearer', target: 'done' },
    ],
  };
}

export async function aFurnishedWorkspace(
  app: TestApp,
  receiver: Receiver,
  options: { engine: boolean },
): Promise<FurnishedWorkspace> {
  const n = ++counter;
  const ws = await aWorkspace(app);
  const owner = await aSession(app, ws.workspaceId, 'owner');
  const secrets: Record<string, string> = {
    ownerPassword: owner.password,
    sessionToken: owner.cookie.split('=')[1],
    csrfToken: owner.csrfToken,
    basicPassword: `basic-pw-${n}-Zq81xv`,
    bearerToken: `bearer-tok-${n}-Hf27pd`,
    headerApiKey: `header-key-${n}-Lm40rt`,
    signingSecret: `whsec_${Buffer.alloc(32, 40 + n).toString('base64')}`,
  };

  const field = await aField(ws, { key: 'plan', label: 'Plan' });
  const hook = await aHook(ws, { target_url: `${receiver.url}/events`, event: 'contact_created' });
  secrets.hookSecret = hook.secret;
  const contact = await aContact(ws, {
    email: `furnished${n}-${Date.now()}@example.test`,
    firstName: `Ada${n}`,
    tags: ['vip'],
    fields: { plan: 'pro' },
  });
  const spare = await aContact(ws, { email: `spare${n}-${Date.now()}@example.test` });

  const graph = furnishedGraph(receiver.url, secrets);
  const created = expectStatus(
    await ws.client.post('/api/v1/campaigns', { name: `Furnished ${n}`, graph }),
    201,
    'create campaign',
  );
  const campaign: string = created.body.id;
  const renamed = structuredClone(created.body.graph);
  renamed.nodes[0].data.label = 'Start here';
  expectStatus(
    await ws.client.put(`/api/v1/campaigns/${campaign}/draft`, {
      graph: renamed,
      baseRevision: 1,
      message: 'label',
    }),
    200,
    'save draft',
  );
  expectStatus(await ws.client.post(`/api/v1/campaigns/${campaign}/publish`, {}), 200, 'publish');
  expectStatus(
    await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: [contact.id] }),
    202,
    'enroll',
  );

  const inboundSecret = expectStatus(
    await ws.client.put(`/api/v1/campaigns/${campaign}/inbound/inbound/secret`),
    200,
    'inbound secret',
  ).body.secret as string;
  secrets.inboundSecret = inboundSecret;
  const inboundUrl = (await ws.client.get(`/api/v1/campaigns/${campaign}`)).body.inbound[0]
    .url as string;
  const inboundToken = new URL(inboundUrl).pathname.split('/').pop()!;
  secrets.inboundToken = inboundToken;

  const apiKey = expectStatus(
    await owner.client.post('/api/v1/api-keys', { name: `Extra ${n}`, scopes: ['contacts:read'] }),
    201,
    'api key',
  ).body;
  secrets.apiKey = apiKey.key;
  const member = await aPerson(app, ws.workspaceId, 'editor', `member-pw-${n}-Qa93`);
  secrets.memberPassword = member.password;

  expectStatus(
    await importCsv(ws, csv([['email'], [`imported${n}-${Date.now()}@example.test`]])),
    200,
    'import',
  );
  const jobs = expectStatus(await ws.client.get('/api/v1/jobs'), 200, 'jobs').body.data as {
    id: string;
  }[];
  if (!jobs[0]) throw new Error('aFurnishedWorkspace: the import recorded no job');

  let delivery: string | undefined;
  let hookDelivery: string | undefined;
  if (options.engine) {
    // The engine sends the webhook and parks the contact on the wait; the event hook's deliveries finish.
    await eventually(async () => {
      const rows: { state: string; node_id: string }[] = await app.db.query(
        `SELECT state, node_id FROM enrollments WHERE workspace_id = $1`,
        [ws.workspaceId],
      );
      return (
        rows.length > 0 && rows.every((row) => row.state === 'waiting' && row.node_id === 'wait')
      );
    });
    const deliveries: { id: string; hook_id: string | null }[] = await eventually(async () => {
      const rows: { id: string; status: string; hook_id: string | null }[] = await app.db.query(
        `SELECT id, status, hook_id FROM deliveries WHERE workspace_id = $1`,
        [ws.workspaceId],
      );
      const done = rows.every((row) => row.status === 'succeeded' || row.status === 'failed');
      return done && rows.some((row) => !row.hook_id) && rows.some((row) => row.hook_id)
        ? rows
        : undefined;
    });
    delivery = deliveries.find((row) => !row.hook_id)!.id;
    hookDelivery = deliveries.find((row) => row.hook_id)!.id;
  }

  return {
    ...ws,
    owner,
    ids: {
      contact: contact.id,
      spareContact: spare.id,
      field: field.id,
      campaign,
      apiKey: apiKey.id,
      hook: hook.id,
      user: member.userId,
      job: jobs[0].id,
      delivery,
      hookDelivery,
      tag: 'vip',
      inboundNode: 'inbound',
      inboundToken,
    },
    secrets,
    markers: [
      ws.workspaceId,
      contact.id,
      spare.id,
      contact.email,
      field.id,
      campaign,
      apiKey.id,
      hook.id,
      member.userId,
      member.email,
    ],
  };
}
