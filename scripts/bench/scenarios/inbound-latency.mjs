// How soon a contact that another system sends in is acted on:
//
//   POST /hooks/in/<token> -> [trigger.webhookReceived] -> [action.sendWebhook form POST]
//
// one contact at a time, each timed from the moment the inbound request
// leaves to the moment its outgoing webhook reaches the receiver (a process
// of its own, stamping arrivals with the same clock). A pause of 20-60 ms
// between contacts keeps them from falling in step with the scanner's pass.
// Baseline: one plain node:http POST of the same body from here to the same
// receiver, the floor of a single hop; `ratio` = p50Ms / baselineP50Ms.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '../lib/percentiles.mjs';
import { person } from '../lib/people.mjs';
import { startReceiver } from '../lib/receiver-process.mjs';
import { lineGraph, publishCampaign, startTideway } from '../lib/tideway.mjs';
import { FORM_CONTENT_TYPE, POST_DATA, renderForm } from '../lib/webhook-form.mjs';

const PREFIX = 'inbound';

const graph = (url) =>
  lineGraph([
    ['in', 'trigger.webhookReceived', {}],
    [
      'out',
      'action.sendWebhook',
      { url, method: 'POST', contentType: 'form', body: { mode: 'postData', template: POST_DATA } },
    ],
  ]);

export default {
  name: 'inbound-latency',
  modes: ['pglite', 'postgres+bull'],
  contacts: { default: 50, quick: 10 },

  async run(ctx) {
    const { mode, workers, contacts, scope } = ctx;
    const receiver = await startReceiver(scope, PREFIX);
    const baseline = await plainPostLatencies(`${receiver.url}/hook`, contacts);
    await receiver.post('/_reset');

    const { session } = await startTideway(scope, {
      mode,
      workers,
      env: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' },
    });
    const campaignId = await publishCampaign(
      session,
      'Inbound latency',
      graph(`${receiver.url}/hook`),
    );
    const { inboundUrl } = await session.expect(200, 'GET', `/api/v1/campaigns/${campaignId}`);

    const latencies = [];
    for (let i = 0; i < contacts; i++) {
      const { email, firstName, lastName } = person(PREFIX, i);
      const sent = Date.now();
      const res = await fetch(inboundUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, first_name: firstName, last_name: lastName }),
      });
      if (res.status !== 202) throw new Error(`inbound webhook: ${res.status} ${await res.text()}`);
      await arrivalOf(receiver, i + 1, ctx.deadline);
      latencies.push((await receiver.get('/_arrivals'))[email] - sent);
      await sleep(20 + Math.random() * 40);
    }
    const stats = await receiver.get('/_stats');
    if (stats.bad > 0) throw new Error(`bodies not as expected, e.g. ${stats.badExamples[0]}`);

    const p50Ms = percentile(latencies, 50);
    const baselineP50Ms = percentile(baseline, 50);
    ctx.log(
      `inbound -> outgoing webhook p50 ${p50Ms} ms; one plain POST p50 ${baselineP50Ms.toFixed(2)} ms`,
    );
    return {
      p50Ms,
      p90Ms: percentile(latencies, 90),
      maxMs: Math.max(...latencies),
      baselineP50Ms,
      ratio: p50Ms / baselineP50Ms,
      redeliveries: stats.duplicates,
    };
  },
};

/** Waits until the receiver has heard from `distinct` contacts (it stamps the arrival itself). */
async function arrivalOf(receiver, distinct, deadline) {
  while ((await receiver.get('/_stats')).distinct < distinct) {
    if (Date.now() > deadline) throw new Error(`contact ${distinct} never reached the receiver`);
    await sleep(2);
  }
}

/** Round trips of one plain POST each, of the contacts' bodies, one after the other. */
async function plainPostLatencies(url, contacts) {
  const agent = new http.Agent({ keepAlive: true });
  const times = [];
  try {
    for (let i = 0; i < contacts; i++) {
      const body = renderForm(person(PREFIX, i));
      const started = performance.now();
      await new Promise((resolve, reject) => {
        const req = http.request(
          url,
          { method: 'POST', agent, headers: { 'content-type': FORM_CONTENT_TYPE } },
          (res) => res.resume().on('end', resolve).on('error', reject),
        );
        req.on('error', reject);
        req.end(body);
      });
      times.push(performance.now() - started);
    }
  } finally {
    agent.destroy();
  }
  return times;
}
