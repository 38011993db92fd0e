import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { testDatabaseMode } from '@tideway/server/testing';
import type { BuiltProcess} from './support/built-app';
import { startBuiltApi } from './support/built-app';
import { launchBrowser } from './support/browser';

const owner = { email: 'marketer@example.test', password: 'tide pools at dawn' };
const embedded = testDatabaseMode() === 'pglite' ? describe : describe.skip;

embedded('the web app in a real browser', () => {
  let dataDir: string;
  let api: BuiltProcess;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tideway-browser-'));
    api = await startBuiltApi({ DATA_DIR: dataDir, ADMIN_EMAIL: owner.email, ADMIN_PASSWORD: owner.password });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function createContactThroughApi(email: string, firstName: string): Promise<void> {
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(owner),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = await login.json();
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const created = await fetch(`${api.url}/api/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ email, firstName, tags: ['newsletter'] }),
    });
    expect(created.status).toBe(201);
  }

  it('logs in and lists contacts', async () => {
    await createContactThroughApi('ada@example.test', 'Ada');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });

    await page.goto(`${api.url}/contacts`);
    await page.getByTestId('login-email').fill(owner.email);
    await page.getByTestId('login-password').fill(owner.password);
    await page.getByTestId('login-submit').click();

    // Login returns the user to where they were going.
    const row = page.getByTestId('contact-row').filter({ hasText: 'ada@example.test' });
    await row.waitFor({ timeout: 15_000 });
    expect(page.url()).toBe(`${api.url}/contacts`);
    await expect(row.textContent()).resolves.toContain('newsletter');

    await mkdir(path.resolve(__dirname, '../../../tmp'), { recursive: true });
    await page.screenshot({ path: path.resolve(__dirname, '../../../tmp/contacts-screen.png') });
    // A reload on a client-side route serves the app again, still signed in.
    await page.reload();
    await page.getByTestId('contact-row').first().waitFor();
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
