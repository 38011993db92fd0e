import { createLogger, loadConfig, ManualClock } from '@tideway/server';
import type { TestDatabase } from '@tideway/server/testing';
import { createTestDatabase } from '@tideway/server/testing';
import { DataSource } from 'typeorm';
import { createApiApp } from '../src/create-api-app';
import { aContact } from './support/contacts';
import { aGraph, aLiveCampaign, chain, ENGINE_ENV, eventually } from './support/engine';
import { HttpClient } from './support/http-client';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace } from './support/test-app';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * A wait outlives the process that started it: the contact's position and
 * wake time are a row, so the app can stop for days and start again on the
 * same database (the PGlite data directory or the PostgreSQL test database)
 * without losing or repeating anything. Time is an injected clock: nobody
 * waits seven days.
 */
describe('a 7-day wait across restarts', () => {
  const clock = new ManualClock();
  let database: TestDatabase;
  let port = 0;
  let app: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** The API with its worker, on this spec's database and clock, on the same port each time (clients keep their URL). */
  async function start(): Promise<TestApp> {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      WEB_DIST_DIR: '/nonexistent',
      ...database.env,
      ...ENGINE_ENV,
    });
    const nest = await createApiApp(
      config,
      { clock },
      createLogger({ ...config.log, level: 'silent' }, 'api'),
    );
    await nest.listen(port, '127.0.0.1');
    port = (nest.getHttpServer().address() as { port: number }).port;
    const url = `http://127.0.0.1:${port}`;
    return {
      url,
      config,
      app: nest,
      db: nest.get(DataSource),
      http: new HttpClient(url),
      close: () => nest.close(),
    };
  }

  function live(): TestApp {
    if (!app) throw new Error('the app is not running');
    return app;
  }

  async function restart(whileDown: () => void = () => undefined): Promise<void> {
    await live().close();
    app = undefined;
    whileDown();
    app = await start();
  }

  type Position = { state: string; node_id: string; run_at: Date | null };
  async function positionOf(campaign: string): Promise<Position> {
    const [row] = await live().db.query(
      `SELECT state, node_id, run_at FROM enrollments WHERE campaign_id = $1`,
      [campaign],
    );
    return row;
  }
  /** When the node after the wait ran, by the engine's clock, and how many times. */
  async function firings(campaign: string): Promise<Date[]> {
    const rows: { at: Date }[] = await live().db.query(
      `SELECT at FROM enrollment_steps WHERE campaign_id = $1 AND node_id = 'woke' ORDER BY id`,
      [campaign],
    );
    return rows.map((row) => row.at);
  }
  /** A few rounds of the scanner (ENGINE_SCAN_MS is 20): time for a wait that is due to be noticed. */
  const someScans = () => new Promise((resolve) => setTimeout(resolve, 300));

  // manual -> wait <amount> <unit> -> add tag "woke-<name>" -> end
  async function waitingContact(
    ws: TestWorkspace,
    name: string,
    amount: number,
    unit: 'days' | 'minutes',
  ) {
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          ['pause', 'wait.delay', { amount, unit }],
          ['woke', 'action.addTag', { tag: `woke-${name}` }],
          ['done', 'end'],
        ],
        chain('start', 'pause', 'woke', 'done'),
      ),
    );
    const contact = await aContact(ws);
    expect(
      (
        await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
          contactIds: [contact.id],
        })
      ).status,
    ).toBe(202);
    const waiting = await eventually(async () => {
      const position = await positionOf(campaign);
      return position?.state === 'waiting' && position.run_at ? position.run_at : undefined;
    });
    return { campaign, contact, due: waiting };
  }

  it('fires once, within a minute of due, whether the app was running or stopped when it fell due', async () => {
    app = await start();
    const ws = await aWorkspace(app);
    const enrolledAt = clock.now().getTime();
    // Two contacts: one falls due while the app is stopped, one while it runs.
    const whileRunning = await waitingContact(ws, 'running', 7, 'days');
    const whileStopped = await waitingContact(ws, 'stopped', 7 * 24 * 60 - 1, 'minutes');
    expect(whileRunning.due.getTime() - enrolledAt).toBeGreaterThanOrEqual(7 * DAY);
    expect(whileRunning.due.getTime() - enrolledAt).toBeLessThan(7 * DAY + MINUTE);

    // Stopped for (nearly) the whole week: the first wait has 30 s to go, the second fell due 30 s ago.
    await restart(() => clock.advance(whileRunning.due.getTime() - clock.now().getTime() - 30_000));
    await eventually(async () => (await firings(whileStopped.campaign)).length === 1);
    await someScans();
    expect(await positionOf(whileRunning.campaign)).toMatchObject({
      state: 'waiting',
      node_id: 'pause',
    });
    expect(await firings(whileRunning.campaign)).toEqual([]);

    clock.advance(31_000);
    await eventually(async () => (await firings(whileRunning.campaign)).length === 1);

    // Another restart: nothing fires again.
    await restart();
    await someScans();
    for (const { campaign, contact, due } of [whileRunning, whileStopped]) {
      const fired = await firings(campaign);
      expect(fired).toHaveLength(1);
      expect(fired[0].getTime() - due.getTime()).toBeGreaterThanOrEqual(0);
      expect(fired[0].getTime() - due.getTime()).toBeLessThan(MINUTE);
      expect(await positionOf(campaign)).toMatchObject({ state: 'completed', run_at: null });
      expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body.tags).toHaveLength(1);
    }
  });
});
