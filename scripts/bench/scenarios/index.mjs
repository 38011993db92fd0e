// The benchmark's scenarios, in the order `npm run bench` runs them. A
// scenario is one file here exporting
//   { name, modes, contacts?: {default, quick}, run(ctx) -> result fields }
// (see ../README.md).
import builder from './builder.mjs';
import inboundLatency from './inbound-latency.mjs';
import { stepCheckpoint, stepThroughput } from './step-throughput.mjs';
import templates from './templates.mjs';
import waiting1m from './waiting-1m.mjs';
import webhookCampaign from './webhook-campaign.mjs';

export const SCENARIOS = [
  webhookCampaign,
  stepThroughput,
  stepCheckpoint,
  waiting1m,
  inboundLatency,
  templates,
  builder,
];
