/**
 * What the scanner claims when more is due than one scan takes
 * (ENGINE_SCAN_BATCH): the longest due first, across the live campaigns, and
 * never the rows of a paused campaign, however long they have been due.
 * Here the scanner runs once at start-up and then only when the spec says.
 */
import { DueWorkScanner, ManualClock } from '@tideway/server';
import { aContact } from './support/contacts';
import { aGraph, aLiveCampaign, chain, eventually } from './support/engine';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

// manual -> wait 1 hour -> add tag "woken"
const wakeAfterAnHour = aGraph(
  [
    ['start', 'trigger.manual'],
    ['hour', 'wait.delay', { amount: 1, unit: 'hours' }],
    ['woken', 'action.addTag', { tag: 'woken' }],
  ],
  chain('start', 'hour', 'woken'),
);

describe('the scanner, when more is due than one scan claims', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  const clock = new ManualClock();

  beforeAll(async () => {
    app = await startTestApp(
      { RUN_WORKER: 'true', ENGINE_SCAN_MS: String(HOUR_MS), ENGINE_SCAN_BATCH: '2' },
      { clock },
    );
    ws = await aWorkspace(app);
  });
  afterAll(() => app.close());

  /** Two contacts enrolled into a new live campaign, left waiting on its hour. */
  async function twoWaiting(name: string): Promise<string> {
    const campaign = await aLiveCampaign(ws, wakeAfterAnHour);
    const contacts = [
      await aContact(ws, { email: `${name}-1@example.com` }),
      await aContact(ws, { email: `${name}-2@example.com` }),
    ];
    const res = await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
      contactIds: contacts.map((contact) => contact.id),
    });
    expect(res.status).toBe(202);
    await eventually(async () => (await statesOf(campaign)).every((state) => state === 'waiting'));
    return campaign;
  }

  async function statesOf(campaign: string): Promise<string[]> {
    const rows: { state: string }[] = await app.db.query(
      `SELECT state FROM enrollments WHERE campaign_id = $1`,
      [campaign],
    );
    return rows.map((row) => row.state);
  }

  it('claims the longest due of the live campaigns first, and nothing of a paused one', async () => {
    const paused = await twoWaiting('paused');
    expect((await ws.client.post(`/api/v1/campaigns/${paused}/pause`)).status).toBe(200);
    clock.advance(MINUTE_MS);
    const older = await twoWaiting('older');
    clock.advance(MINUTE_MS);
    const newer = await twoWaiting('newer');
    clock.advance(2 * HOUR_MS);
    const scanner = app.app.get(DueWorkScanner);

    expect(await scanner.scanOnce()).toEqual({ claimed: 2, backlogged: false });
    await eventually(async () => (await statesOf(older)).every((state) => state === 'completed'));
    expect(await statesOf(newer)).toEqual(['waiting', 'waiting']);

    expect(await scanner.scanOnce()).toEqual({ claimed: 2, backlogged: false });
    await eventually(async () => (await statesOf(newer)).every((state) => state === 'completed'));

    expect(await scanner.scanOnce()).toEqual({ claimed: 0, backlogged: false });
    expect(await statesOf(paused)).toEqual(['waiting', 'waiting']);
  });
});
