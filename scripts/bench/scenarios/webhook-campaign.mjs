// Issue 8's webhook campaign: N contacts with names through
//
//   [trigger.manual] -> [action.sendWebhook form POST, three merge fields] -> [action.addTag delivered]
//
// enrolled by one filter enrollment, delivered to a receiver in a process of
// its own. The step writes the delivery in its transaction; the delivery is
// sent once the scanner hands it out, and its success wakes the contact for
// the tag. Measured from the enrollment request to the last contact's
// ended_at, beside a plain node:http loop POSTing the same bodies to the same
// receiver at the same concurrency as one worker's deliveries (the job
// without durability), before and after the Tideway run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { completedTimings, enrollAllAndWait } from '../lib/enrollments.mjs';
import { percentile } from '../lib/percentiles.mjs';
import { startHelper } from '../lib/processes.mjs';
import { startReceiver } from '../lib/receiver-process.mjs';
import { importContacts, lineGraph, publishCampaign, startTideway } from '../lib/tideway.mjs';
import { POST_DATA } from '../lib/webhook-form.mjs';

const PREFIX = 'bench';
// Issue 8's baseline: 64 requests in flight. (A Tideway worker may have more in flight:
// ENGINE_CONCURRENCY x 2 delivery jobs of 24.)
const BASELINE_CONCURRENCY = 64;
const TAG = 'delivered';
const LIB = path.join(path.dirname(fileURLToPath(import.meta.url)), '../lib');

const graph = (url) =>
  lineGraph([
    ['start', 'trigger.manual', {}],
    [
      'hook',
      'action.sendWebhook',
      {
        url,
        method: 'POST',
        contentType: 'form',
        body: { mode: 'postData', template: POST_DATA },
        // A failed delivery exits the contact, so "all completed" also means "all delivered".
        onFailure: 'stop',
      },
    ],
    ['tag', 'action.addTag', { tag: TAG }],
  ]);

export default {
  name: 'webhook-campaign',
  modes: ['pglite', 'postgres+bull'],
  contacts: { default: 10_000, quick: 500 },

  async run(ctx) {
    const { mode, workers, contacts, scope, log } = ctx;
    const receiver = await startReceiver(scope, PREFIX);
    const before = await plainPostRate(receiver, 'baseline-before', ctx);

    const { session, db } = await startTideway(scope, {
      mode,
      workers,
      env: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' },
    });
    const importStarted = Date.now();
    await importContacts(session, contacts, PREFIX, { names: true });
    log(`imported ${contacts} contacts in ${Date.now() - importStarted} ms`);
    const campaignId = await publishCampaign(
      session,
      'Webhook campaign',
      graph(`${receiver.url}/hook`),
    );

    const { started, enrollMs } = await enrollAllAndWait({
      session,
      db,
      campaignId,
      contacts,
      ctx,
    });

    const received = await receiver.get('/_stats');
    const arrivals = await receiver.get('/_arrivals');
    checkDeliveries(received, contacts);
    const tagged = await session.expect(200, 'GET', `/api/v1/contacts?tag=${TAG}&limit=1`);
    if (tagged.total !== contacts)
      throw new Error(`${tagged.total} of ${contacts} contacts have the tag ${TAG}`);
    const timings = await completedTimings(session, db, campaignId);
    const latencies = timings.map((t) => {
      const arrived = arrivals[t.email];
      if (arrived === undefined) throw new Error(`no delivery for ${t.email} reached the receiver`);
      return arrived - t.enteredAt;
    });
    const lastEnded = timings.reduce((most, t) => Math.max(most, t.endedAt), 0);
    const perSec = contacts / ((lastEnded - started) / 1000);
    const deliveriesPerSec = received.count / ((received.last - started) / 1000);

    await receiver.post('/_reset');
    const after = await plainPostRate(receiver, 'baseline-after', ctx);
    const baselinePerSec = (before.perSec + after.perSec) / 2;
    return {
      perSec,
      baselinePerSec,
      ratio: perSec / baselinePerSec,
      deliveriesPerSec,
      deliveryRatio: deliveriesPerSec / baselinePerSec,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      redeliveries: received.duplicates,
      firstDeliveryMs: received.first - started,
      lastDeliveryMs: received.last - started,
      enrollMs,
      baselineConcurrency: BASELINE_CONCURRENCY,
      baselineBeforePerSec: before.perSec,
      baselineAfterPerSec: after.perSec,
    };
  },
};

/** Every contact's body arrived, well formed; a second arrival for a contact is a redelivery, counted. */
function checkDeliveries(received, contacts) {
  if (received.bad > 0)
    throw new Error(
      `${received.bad} of ${received.count} bodies were not as expected, e.g. ${received.badExamples[0]}`,
    );
  if (received.distinct !== contacts)
    throw new Error(`the receiver heard from ${received.distinct} of ${contacts} contacts`);
}

/**
 * The baseline in a child process: the same contacts' bodies POSTed to the
 * receiver, which checks them as it checks Tideway's and is reset after.
 */
async function plainPostRate(receiver, name, ctx) {
  const { contacts, scope } = ctx;
  const { proc, ready } = await startHelper(scope, name, path.join(LIB, 'plain-post-loop.mjs'), {
    args: [`${receiver.url}/hook`, String(contacts), String(BASELINE_CONCURRENCY), PREFIX],
    timeoutMs: Math.max(30_000, ctx.deadline - Date.now()),
  });
  // It idles once it has reported: its high-water mark is final, read before it stops.
  proc.peakRssMb();
  await proc.stop();
  checkDeliveries(await receiver.get('/_stats'), contacts);
  await receiver.post('/_reset');
  ctx.log(
    `plain node:http POSTs: ${Math.round(ready.perSec)}/s (${BASELINE_CONCURRENCY} at once, keep-alive)`,
  );
  return ready;
}
