import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import type { BuiltProcess } from './built-app';
import { startBuiltApi } from './built-app';

export const owner = { email: 'marketer@example.test', password: 'tide pools at dawn' };

/** The REST API as the owner (session cookie + CSRF), for arranging what a browser test needs. */
export interface ApiClient {
  call<T = Record<string, unknown>>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export async function signInToApi(url: string): Promise<ApiClient> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(owner),
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    async call(method, route, body) {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : {}) as never };
    },
  };
}

/** One built API on a fresh PGlite data dir and one Chromium, per test file. */
export function useBuiltApp() {
  const context: { api: BuiltProcess; browser: Browser; client: ApiClient; dataDir: string } = {} as never;
  beforeAll(async () => {
    context.dataDir = await mkdtemp(path.join(os.tmpdir(), 'tideway-builder-'));
    context.api = await startBuiltApi({
      DATA_DIR: context.dataDir,
      ADMIN_EMAIL: owner.email,
      ADMIN_PASSWORD: owner.password,
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_PRIVATE_HOSTS: '127.0.0.1,localhost',
    });
    context.browser = await launchBrowser();
    context.client = await signInToApi(context.api.url);
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.api?.stop();
    if (context.dataDir) await rm(context.dataDir, { recursive: true, force: true });
  });
  return context;
}

/** A signed-in page at 1280x800 that records console errors. */
/** A new page whose console errors and uncaught exceptions are collected, for a spec to expect none. */
export async function watchedPage(browser: Browser): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { page, consoleErrors };
}

export async function signedInPage(browser: Browser, url: string): Promise<{ page: Page; consoleErrors: string[] }> {
  const { page, consoleErrors } = await watchedPage(browser);
  await page.goto(`${url}/login`);
  await page.getByTestId('login-email').fill(owner.email);
  await page.getByTestId('login-password').fill(owner.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/campaigns$/);
  return { page, consoleErrors };
}

const at = (x: number, y: number) => ({ x, y });

/**
 * A realistic campaign:
 *
 *   [Form submitted (tag lead)] -> [Is VIP?] -yes-> [Send to CRM] -> [Wait 2 days] -> [Tag nurtured] -> [End]
 *                                            -no--> [A/B split] -a-> [Wait 1 day] -> (Send to CRM)
 *                                                               -b-> [End]
 */
export function aWelcomeGraph(webhookUrl = 'https://crm.example.com/hooks/tideway') {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.tagAdded', position: at(0, 120), data: { label: 'Signed up', config: { tag: 'lead' } } },
      {
        id: 'vip',
        type: 'filter.condition',
        position: at(330, 120),
        data: { label: 'Is VIP?', config: { match: 'all', rules: [{ field: 'tag', op: 'hasTag', value: 'vip' }] } },
      },
      {
        id: 'crm',
        type: 'action.sendWebhook',
        position: at(680, 20),
        data: {
          label: 'Send to CRM',
          config: {
            url: webhookUrl,
            method: 'POST',
            contentType: 'form',
            body: { mode: 'postData', template: 'First_Name=[First Name]&Email=[Email]' },
          },
        },
      },
      { id: 'wait', type: 'wait.delay', position: at(1010, 20), data: { config: { amount: 2, unit: 'days' } } },
      { id: 'nurtured', type: 'action.addTag', position: at(1340, 20), data: { config: { tag: 'nurtured' } } },
      { id: 'end', type: 'end', position: at(1670, 120), data: { config: {} } },
      {
        id: 'split',
        type: 'split.random',
        position: at(680, 240),
        data: { config: { branches: [{ id: 'a', weight: 70 }, { id: 'b', weight: 30 }] } },
      },
      { id: 'wait-a', type: 'wait.delay', position: at(1010, 200), data: { config: { amount: 1, unit: 'days' } } },
      { id: 'tag-b', type: 'action.addTag', position: at(1010, 340), data: { config: { tag: 'cold' } } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', target: 'vip' },
      { id: 'e2', source: 'vip', target: 'crm', sourceHandle: 'yes' },
      { id: 'e3', source: 'vip', target: 'split', sourceHandle: 'no' },
      { id: 'e4', source: 'crm', target: 'wait' },
      { id: 'e5', source: 'wait', target: 'nurtured' },
      { id: 'e6', source: 'nurtured', target: 'end' },
      { id: 'e7', source: 'split', target: 'wait-a', sourceHandle: 'a' },
      { id: 'e8', source: 'split', target: 'tag-b', sourceHandle: 'b' },
      { id: 'e9', source: 'wait-a', target: 'end' },
      { id: 'e10', source: 'tag-b', target: 'end' },
    ],
  };
}

export async function aCampaign(client: ApiClient, name: string, graph: unknown): Promise<{ id: string; draftRevision: number }> {
  const created = await client.call<{ id: string; draftRevision: number }>('POST', '/api/v1/campaigns', { name, graph });
  if (created.status !== 201) throw new Error(`create campaign answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body;
}
