import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, testDatabaseMode } from '@tideway/server/testing';
import { startBuiltApi, startBuiltWorker } from './support/built-app';

const packageJson = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const owner = { email: 'owner@example.test', password: 'correct horse battery' };

async function login(url: string) {
  return fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(owner),
  });
}

const embedded = testDatabaseMode() === 'pglite' ? describe : describe.skip;
const scaled = testDatabaseMode() === 'postgres' ? describe : describe.skip;

embedded('the built app in embedded mode (npm start)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tideway-startup-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('starts from an empty DATA_DIR, answers health, and keeps its data across a restart', async () => {
    const env = { DATA_DIR: dataDir, ADMIN_EMAIL: owner.email, ADMIN_PASSWORD: owner.password };
    const first = await startBuiltApi(env);
    try {
      const health = await fetch(`${first.url}/api/health`).then((r) => r.json());
      expect(health).toEqual({
        status: 'ok',
        database: 'pglite',
        queue: 'inline',
        version: packageJson.version,
      });
      const ready = await fetch(`${first.url}/api/health/ready`);
      expect(ready.status).toBe(200);
      const page = await fetch(`${first.url}/contacts`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      expect(await first.stop()).toBe(0);
    }

    // Restarted without ADMIN_*: the owner can only exist if the data survived.
    const second = await startBuiltApi({ DATA_DIR: dataDir });
    try {
      const setup = await fetch(`${second.url}/api/v1/auth/setup`).then((r) => r.json());
      expect(setup).toEqual({ needsSetup: false });
      expect((await login(second.url)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

scaled('the built apps in scaled mode (start:api + start:worker)', () => {
  it('runs the API and a worker on PostgreSQL + Redis', async () => {
    const database = await createTestDatabase();
    const api = await startBuiltApi({ ...database.env, RUN_WORKER: 'false' });
    try {
      const worker = await startBuiltWorker(database.env);
      try {
        const health = await fetch(`${api.url}/api/health`).then((r) => r.json());
        expect(health).toEqual({
          status: 'ok',
          database: 'postgres',
          queue: 'bull',
          version: packageJson.version,
        });
        const ready = await fetch(`${api.url}/api/health/ready`).then((r) => r.json());
        expect(ready.checks).toEqual({ database: 'ok', queue: 'ok', migrations: 'ok' });
      } finally {
        expect(await worker.stop()).toBe(0);
      }
    } finally {
      expect(await api.stop()).toBe(0);
      await database.drop();
    }
  });

  it('refuses to start a worker without PostgreSQL and Redis, saying why', async () => {
    await expect(startBuiltWorker({ DATABASE_URL: '', REDIS_URL: '' }, 10_000)).rejects.toThrow(
      /DATABASE_URL and REDIS_URL/,
    );
  });
});
