// The benchmark's scenarios, in the order `npm run bench` runs them. A
// scenario is one file here exporting
//   { name, modes, contacts?: {default, quick}, run(ctx) -> result fields }
// (see ../README.md). Issue 8 adds webhook-campaign, waiting-1m and builder.
import stepThroughput from './step-throughput.mjs';
import templates from './templates.mjs';

export const SCENARIOS = [stepThroughput, templates];
