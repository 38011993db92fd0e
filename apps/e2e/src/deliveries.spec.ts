import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { testDatabaseMode } from '@tideway/server/testing';
import { launchBrowser } from './support/browser';
import type { ApiClient } from './support/builder-fixtures';
import { aCampaign, owner, signedInPage, signInToApi } from './support/builder-fixtures';
import type { BuiltProcess } from './support/built-app';
import { startBuiltApi } from './support/built-app';

const embedded = testDatabaseMode() === 'pglite' ? describe : describe.skip;
const SCREENSHOTS = path.resolve(__dirname, '../../../tmp');

type Received = { headers: IncomingHttpHeaders; body: string };

/** A CRM on 127.0.0.1 that fails the first request with 500 and accepts every later one. */
async function aFlakyReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const first = received.length === 1;
      res.writeHead(first ? 500 : 200, { 'content-type': 'application/json' });
      res.end(first ? '{"error":"database is restarting"}' : '{"ok":true,"id":"crm-42"}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// [Added manually] -> [Send to CRM] -> [Tag vip]
function aCrmGraph(url: string) {
  return {
    nodes: [
      { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
      {
        id: 'crm',
        type: 'action.sendWebhook',
        position: { x: 320, y: 0 },
        data: {
          label: 'Send to CRM',
          config: {
            url,
            method: 'POST',
            contentType: 'form',
            body: { mode: 'postData', template: 'First_Name=[First Name]&Email=[Email]' },
            maxAttempts: 3,
            logResponseBody: true,
          },
        },
      },
      { id: 'vip', type: 'action.addTag', position: { x: 640, y: 0 }, data: { config: { tag: 'vip' } } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'crm' },
      { id: 'e2', source: 'crm', target: 'vip' },
    ],
  };
}

embedded('the delivery log and a contact timeline in the browser', () => {
  let dataDir: string;
  let api: BuiltProcess;
  let browser: Browser;
  let client: ApiClient;
  let receiver: Awaited<ReturnType<typeof aFlakyReceiver>>;
  let page: Page;
  let consoleErrors: string[];
  const run = { contactId: '', campaignId: '', deliveryId: '', webhookId: '' };

  beforeAll(async () => {
    receiver = await aFlakyReceiver();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tideway-deliveries-'));
    api = await startBuiltApi({
      DATA_DIR: dataDir,
      ADMIN_EMAIL: owner.email,
      ADMIN_PASSWORD: owner.password,
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      WEBHOOK_RETRY_BASE_MS: '50',
    });
    browser = await launchBrowser();
    client = await signInToApi(api.url);

    // A contact goes through a live campaign whose webhook fails once, then succeeds.
    const contact = await client.call<{ id: string }>('POST', '/api/v1/contacts', { email: 'grace@example.test', firstName: 'Grace' });
    expect(contact.status).toBe(201);
    run.contactId = contact.body.id;
    const campaign = await aCampaign(client, 'CRM sync', aCrmGraph(`${receiver.url}/crm`));
    run.campaignId = campaign.id;
    expect((await client.call('POST', `/api/v1/campaigns/${campaign.id}/publish`, {})).status).toBeLessThan(300);
    expect((await client.call('POST', `/api/v1/campaigns/${campaign.id}/enrollments`, { contactIds: [run.contactId] })).status).toBeLessThan(300);
    const delivered = await eventually(async () => {
      const { body } = await client.call<{ data: { id: string; status: string; webhookId: string; attempts: number }[] }>(
        'GET',
        `/api/v1/deliveries?campaignId=${campaign.id}`,
      );
      return body.data[0]?.status === 'succeeded' ? body.data[0] : undefined;
    }, 'the webhook to be delivered');
    expect(delivered.attempts).toBe(2);
    run.deliveryId = delivered.id;
    run.webhookId = delivered.webhookId;
    ({ page, consoleErrors } = await signedInPage(browser, api.url));
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await api?.stop();
    await receiver?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the delivery as succeeded after 2 attempts, and filters by status', async () => {
    await page.getByTestId('nav-deliveries').click();
    await page.waitForURL(/\/deliveries$/);
    const row = page.getByTestId('delivery-row').filter({ hasText: 'CRM sync' });
    await row.locator('[data-testid="delivery-status"][data-status="succeeded"]').waitFor();
    await expect(row.getByTestId('delivery-attempts').textContent()).resolves.toBe('2/3');
    await row.getByText('200 OK').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'deliveries.png') });

    await page.getByTestId('delivery-status-filter').selectOption('failed');
    await page.waitForURL(/status=failed/);
    await page.getByText('No deliveries match').waitFor();
    expect(await page.getByTestId('delivery-row').count()).toBe(0);
    await page.getByTestId('delivery-status-filter').selectOption('succeeded');
    await row.waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('opens the delivery with its request and both attempts, and replays it under the same webhook-id', async () => {
    await page.getByTestId('delivery-row').filter({ hasText: 'CRM sync' }).locator('a[href^="/deliveries/"]').click();
    await page.waitForURL(new RegExp(`/deliveries/${run.deliveryId}$`));
    const attempts = page.getByTestId('delivery-attempt');
    await attempts.nth(1).waitFor();
    expect(await attempts.count()).toBe(2);
    await expect(attempts.nth(0).getByTestId('attempt-status').textContent()).resolves.toBe('500 Internal Server Error');
    await expect(attempts.nth(1).getByTestId('attempt-status').textContent()).resolves.toBe('200 OK');
    await attempts.nth(0).getByText('database is restarting').waitFor();
    // The form body reads as fields.
    await page.getByTestId('delivery-request').getByTestId('form-fields').getByText('grace@example.test').waitFor();
    await expect(page.getByTestId('delivery-webhook-id').textContent()).resolves.toBe(run.webhookId);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'delivery-detail.png'), fullPage: true });

    expect(receiver.received).toHaveLength(2);
    await page.getByTestId('delivery-replay').click();
    await page.getByRole('button', { name: 'Replay now' }).click();
    await eventually(async () => (receiver.received.length === 3 ? true : undefined), 'the replayed request');
    const ids = receiver.received.map((request) => request.headers['webhook-id']);
    expect(ids).toEqual([run.webhookId, run.webhookId, run.webhookId]);

    await page.getByTestId('replay-notice').getByText(/Replay finished: the delivery succeeded/).waitFor();
    await attempts.nth(2).waitFor();
    await expect(page.getByTestId('delivery-attempt-count').textContent()).resolves.toBe('3 of 3');
    expect(consoleErrors).toEqual([]);
  });

  it("shows the contact's timeline: entered, webhook sent, tag added, completed, with links", async () => {
    await page.goto(`${api.url}/contacts/${run.contactId}`);
    const timeline = page.getByTestId('contact-timeline');
    const entries = timeline.getByTestId('timeline-entry');
    await entries.first().waitFor();
    for (const text of ['Entered at Added manually', 'Webhook sent — 200', 'Tag added: vip', 'Completed the campaign']) {
      await entries.filter({ hasText: text }).first().waitFor();
    }
    // Newest first: the enrollment (its entry time) is the oldest entry.
    await expect(entries.last().getAttribute('data-kind')).resolves.toBe('enrollment');
    await timeline.getByRole('link', { name: 'CRM sync' }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'contact-timeline.png'), fullPage: true });

    await entries.filter({ hasText: 'Webhook sent — 200' }).getByTestId('timeline-delivery-link').click();
    await page.waitForURL(new RegExp(`/deliveries/${run.deliveryId}$`));
    await page.getByTestId('delivery-attempt').first().waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
