// Issue 8's waiting at scale: N contacts (1,000,000; quick 5,000) enrolled into
//
//   [trigger.manual] -> [wait.delay 1 hour] -> [action.addTag woken]
//
// by one filter enrollment. Measures the enrollment rate (from the request to
// the last contact waiting on the hour), the worker's memory while they all
// wait (the state lives in the database: a row each, no timer, no job), then
// the wake-up rate once the hour has passed: every wake time is moved to now
// in one statement (what the clock moving an hour on would do) and the rate
// is measured to the last contact tagged. That statement leaves what the
// clock moving on never would: a second version of every row, and statistics
// saying every wake time is an hour away (time passing changes now, not the
// rows). In that hour autovacuum would have cleaned and analyzed the table,
// so VACUUM ANALYZE runs before the wake-up is timed. Progress is read from the engine's
// node counters, a few rows: counting a million enrollments every poll would
// take a good part of a core from what is measured. PostgreSQL + Bull only: the target
// (above 5,000 contacts/s each way) is for the scaled mode. Contacts are
// written straight into the run's database, since creating them is not what
// is measured (the import has its own figure in the README).
import { rawTransactionRate } from '../lib/raw-transactions.mjs';
import { engineSettings, lineGraph, publishCampaign, startTideway } from '../lib/tideway.mjs';
import { waitUntil } from '../lib/wait.mjs';

const GRAPH = lineGraph([
  ['start', 'trigger.manual', {}],
  ['hour', 'wait.delay', { amount: 1, unit: 'hours' }],
  ['woken', 'action.addTag', { tag: 'woken' }],
]);

/** How long the worker's memory is sampled while everyone waits. */
const WAITING_SAMPLE_MS = 5_000;

export default {
  name: 'waiting-1m',
  modes: ['postgres+bull'],
  contacts: { default: 1_000_000, quick: 5_000 },

  async run(ctx) {
    const { workers, contacts, scope, log } = ctx;
    const tideway = await startTideway(scope, { mode: 'postgres+bull', workers });
    const { session, db } = tideway;
    const baseline = await rawTransactionRate(tideway.databaseUrl, {
      clients: engineSettings().ENGINE_CONCURRENCY * workers,
      seconds: ctx.baselineSeconds,
    });
    log(`raw single-row transactions: ${Math.round(baseline.perSec)}/s`);

    const created = Date.now();
    await createContacts(db, contacts);
    log(`wrote ${contacts} contacts in ${Date.now() - created} ms`);
    const campaignId = await publishCampaign(session, 'Waiting at scale', GRAPH);

    const started = Date.now();
    const enrolled = await session.expect(
      202,
      'POST',
      `/api/v1/campaigns/${campaignId}/enrollments`,
      { filter: {} },
    );
    const requestMs = Date.now() - started;
    if (enrolled.enrolled !== contacts)
      throw new Error(`enrolled ${enrolled.enrolled} of ${contacts} contacts`);
    log(`enrollment request took ${requestMs} ms`);
    await waitForNode(ctx, db, campaignId, 'hour', 'entered', contacts, started);
    await expectState(db, campaignId, 'waiting', contacts);
    const enrollSeconds = (Date.now() - started) / 1000;

    const rssBefore = tideway.processes.filter((p) => p.name.startsWith('worker'));
    await new Promise((resolve) => setTimeout(resolve, WAITING_SAMPLE_MS));
    const waitingRssMb = Math.max(...rssBefore.map((p) => p.currentRssMb()));
    log(`${contacts} waiting; worker RSS ${waitingRssMb} MB`);

    await db.query(
      `UPDATE enrollments SET run_at = now() WHERE campaign_id = $1 AND state = 'waiting'`,
      [campaignId],
    );
    await db.query(`VACUUM ANALYZE enrollments`);
    const woke = Date.now();
    await waitForNode(ctx, db, campaignId, 'woken', 'completed', contacts, woke);
    const wakeSeconds = (Date.now() - woke) / 1000;
    await expectState(db, campaignId, 'completed', contacts);

    const perSec = contacts / enrollSeconds;
    const wakePerSec = contacts / wakeSeconds;
    return {
      perSec,
      wakePerSec,
      baselinePerSec: baseline.perSec,
      ratio: perSec / baseline.perSec,
      wakeRatio: wakePerSec / baseline.perSec,
      enrollRequestMs: requestMs,
      waitingRssMb,
    };
  },
};

/** Contacts bench<i>@example.test in the run's only workspace, in one statement per 100,000. */
async function createContacts(db, count) {
  const { rows } = await db.query(`SELECT id FROM workspaces`);
  if (rows.length !== 1) throw new Error(`expected one workspace, found ${rows.length}`);
  for (let from = 0; from < count; from += 100_000) {
    await db.query(
      `INSERT INTO contacts (workspace_id, email, first_name)
       SELECT $1, 'bench' || i || '@example.test', 'Bench ' || i
         FROM generate_series($2::int, $3::int - 1) AS i`,
      [rows[0].id, from, Math.min(count, from + 100_000)],
    );
  }
}

/**
 * Waits until `contacts` have entered or completed `nodeId`, by the engine's
 * node counters (written in the transaction of the steps they count).
 */
async function waitForNode(ctx, db, campaignId, nodeId, counter, contacts, started) {
  let reached = 0;
  let lastLog = Date.now();
  await waitUntil(
    async () => {
      const { rows } = await db.query(
        `SELECT coalesce(sum(${counter}), 0)::int AS n
           FROM campaign_node_counts WHERE campaign_id = $1 AND node_id = $2`,
        [campaignId, nodeId],
      );
      reached = rows[0].n;
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        ctx.log(
          `${reached}/${contacts} ${counter} ${nodeId} after ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }
      return reached >= contacts;
    },
    {
      deadline: ctx.deadline,
      intervalMs: 100,
      describe: () => `all ${contacts} contacts ${counter} ${nodeId} (${reached} so far)`,
    },
  );
}

/** The counters agree with the rows themselves (checked once, after the timing). */
async function expectState(db, campaignId, state, contacts) {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM enrollments WHERE campaign_id = $1 AND state = $2`,
    [campaignId, state],
  );
  if (rows[0].n !== contacts)
    throw new Error(`${rows[0].n} of ${contacts} enrollments are ${state}, the counters said all`);
}
