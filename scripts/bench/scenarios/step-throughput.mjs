// Step throughput: N contacts through a line of steps, enrolled by one filter
// enrollment, measured from the enrollment request to the last contact's
// ended_at, beside the raw single-row transaction rate of the same database
// server. Two lines:
//
//   step-throughput (issue 8):  [trigger.manual] -> 5 x [action.addTag]
//   step-checkpoint (issue 4):  [trigger.manual] -> [action.addTag first]
//                                 -> [wait.delay 0 min] -> [action.addTag second]
//
// The first is what the engine batches best: one activation moves a contact
// from the trigger to the end, so each contact is one row in one batch's
// transaction. The zero wait of the second is a checkpoint: each contact
// takes two step transactions (trigger..wait, wait..end) and passes the
// scanner twice.
import { completedTimings, enrollAllAndWait } from '../lib/enrollments.mjs';
import { percentile } from '../lib/percentiles.mjs';
import { rawPgliteTransactionRate, rawTransactionRate } from '../lib/raw-transactions.mjs';
import {
  engineSettings,
  importContacts,
  lineGraph,
  publishCampaign,
  startTideway,
} from '../lib/tideway.mjs';

const FIVE_TAGS = lineGraph([
  ['start', 'trigger.manual', {}],
  ...[1, 2, 3, 4, 5].map((n) => [`tag${n}`, 'action.addTag', { tag: `tag-${n}` }]),
]);

const CHECKPOINT = lineGraph([
  ['start', 'trigger.manual', {}],
  ['first', 'action.addTag', { tag: 'first' }],
  ['checkpoint', 'wait.delay', { amount: 0, unit: 'minutes' }],
  ['second', 'action.addTag', { tag: 'second' }],
]);

export const stepThroughput = stepScenario('step-throughput', 'Step throughput', FIVE_TAGS);
export const stepCheckpoint = stepScenario('step-checkpoint', 'Step checkpoint', CHECKPOINT);

function stepScenario(name, campaignName, graph) {
  return {
    name,
    modes: ['pglite', 'postgres+bull'],
    contacts: { default: 10_000, quick: 500 },

    async run(ctx) {
      const { mode, workers, contacts, scope, log } = ctx;
      // The raw rate is measured before the engine starts and again after it has
      // finished, and averaged: a machine shared with other work drifts.
      const rawRate = (databaseUrl) => rawRateBeside(mode, databaseUrl, workers, ctx);
      let before;
      const tideway = await startTideway(scope, {
        mode,
        workers,
        beforeStart: async ({ databaseUrl }) => (before = await rawRate(databaseUrl)),
      });
      const { session, db } = tideway;

      const importStarted = Date.now();
      await importContacts(session, contacts);
      log(`imported ${contacts} contacts in ${Date.now() - importStarted} ms`);
      const campaignId = await publishCampaign(session, campaignName, graph);

      const { started, enrollMs } = await enrollAllAndWait({
        session,
        db,
        campaignId,
        contacts,
        ctx,
      });

      const timings = await completedTimings(session, db, campaignId);
      const lastEnded = timings.reduce((most, t) => Math.max(most, t.endedAt), 0);
      const seconds = (lastEnded - started) / 1000;
      const latencies = timings.map((t) => t.endedAt - t.enteredAt);
      const stats = await session.expect(200, 'GET', `/api/v1/campaigns/${campaignId}/stats`);
      const stepsPerContact =
        Object.values(stats.nodes).reduce((sum, node) => sum + node.entered, 0) / contacts;
      const after = await rawRate(tideway.databaseUrl);
      const baselinePerSec = (before.perSec + after.perSec) / 2;
      const perSec = contacts / seconds;
      return {
        perSec,
        baselinePerSec,
        ratio: perSec / baselinePerSec,
        stepsPerContact,
        stepsPerRawTx: (perSec * stepsPerContact) / baselinePerSec,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        enrollMs,
        baselineClients: before.clients,
        baselineBeforePerSec: before.perSec,
        baselineAfterPerSec: after.perSec,
      };
    },
  };
}

/** Single-row transactions on the run's database server, with as many clients as the engine runs steps at once. */
async function rawRateBeside(mode, databaseUrl, workers, ctx) {
  const rate =
    mode === 'pglite'
      ? // A PGlite of its own, served as the embedded mode serves it: one connection.
        await rawPgliteTransactionRate({ seconds: ctx.baselineSeconds })
      : await rawTransactionRate(databaseUrl, {
          clients: engineSettings().ENGINE_CONCURRENCY * workers,
          seconds: ctx.baselineSeconds,
        });
  ctx.log(
    `raw single-row transactions: ${Math.round(rate.perSec)}/s (${rate.clients} client${rate.clients > 1 ? 's' : ''})`,
  );
  return rate;
}
