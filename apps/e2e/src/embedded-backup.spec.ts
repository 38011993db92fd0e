import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { testDatabaseMode } from '@tideway/server/testing';
import { ApiSession } from './support/api-session';
import { startBuiltApi } from './support/built-app';

const ROOT = path.resolve(__dirname, '../../..');
const owner = { email: 'owner@example.test', password: 'correct horse battery' };

/** `npm run <script> -- <args>` as an operator types it, with DATA_DIR set. */
async function npmRun(
  script: string,
  args: string[],
  dataDir: string,
): Promise<{ code: number | null; output: string }> {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output: output.trim() };
}

const embedded = testDatabaseMode() === 'pglite' ? describe : describe.skip;

embedded('npm run db:backup / db:restore (embedded PGlite)', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'tideway-backup-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('backs up a stopped app, restores into a wiped DATA_DIR, and the app finds its data again', async () => {
    const dataDir = path.join(work, 'data');
    const backup = path.join(work, 'tideway.tar.gz');

    const first = await startBuiltApi({
      DATA_DIR: dataDir,
      ADMIN_EMAIL: owner.email,
      ADMIN_PASSWORD: owner.password,
    });
    try {
      const session = await ApiSession.asOwner(first.url, owner);
      expect(
        (await session.request('POST', '/api/v1/contacts', { email: 'ada@example.test' })).status,
      ).toBe(201);
      expect((await session.request('POST', '/api/v1/campaigns', { name: 'Welcome' })).status).toBe(
        201,
      );

      // PGlite does not lock its directory: the backup must not open it under a running app.
      const refused = await npmRun('db:backup', [backup], dataDir);
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(
        /^db:backup: .* is in use by Tideway \(pid \d+, since .*\): stop it first/,
      );
      expect(refused.output.split('\n')).toHaveLength(1);
      expect(existsSync(backup)).toBe(false);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const made = await npmRun('db:backup', [backup], dataDir);
    expect(made).toMatchObject({ code: 0, output: expect.stringContaining(`to ${backup}`) });

    const overwrite = await npmRun('db:restore', [backup], dataDir);
    expect(overwrite.code).toBe(1);
    expect(overwrite.output).toMatch(/^db:restore: .*pgdata is not empty: add --force/);

    await rm(dataDir, { recursive: true, force: true });
    expect(await npmRun('db:restore', [backup], dataDir)).toMatchObject({ code: 0 });

    // Restarted without ADMIN_*: signing in and finding the contact and campaign need the restored data.
    const second = await startBuiltApi({ DATA_DIR: dataDir });
    try {
      const session = await ApiSession.asOwner(second.url, owner);
      const contacts = (await session.request('GET', '/api/v1/contacts')).body.data;
      expect(contacts.map((c: { email: string }) => c.email)).toEqual(['ada@example.test']);
      const campaigns = (await session.request('GET', '/api/v1/campaigns')).body.data;
      expect(campaigns.map((c: { name: string }) => c.name)).toEqual(['Welcome']);
    } finally {
      expect(await second.stop()).toBe(0);
    }

    // --force restores over a database, keeping the one it replaces beside it.
    const forced = await npmRun('db:restore', [backup, '--force'], dataDir);
    expect(forced.code).toBe(0);
    const aside = (await readdir(dataDir)).filter((name) =>
      name.startsWith('pgdata.before-restore-'),
    );
    expect(aside).toHaveLength(1);
    expect(forced.output).toContain(path.join(dataDir, aside[0]));
    expect(existsSync(path.join(dataDir, aside[0], 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'))).toBe(true);
  });
});
