import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run bench -- [options]

  --scenario NAME[,NAME]   run only these scenarios (default: all)
  --mode MODE[,MODE]       pglite, postgres+bull, node, chromium (default: each scenario's modes)
  --workers N[,N]          worker processes in postgres+bull mode (default: 1,2)
  --contacts N             contacts per run (default: the scenario's, e.g. 10000)
  --quick                  small runs for a CI smoke test (e.g. 500 contacts, 1 s baselines)
  --baseline-seconds S     how long each raw-transaction baseline runs (default 5, quick 1)
  --timeout S              time limit of each run (default 120 s + 50 ms per contact)
  --json                   one JSON line per result on stdout (progress goes to stderr)
  --no-build               use dist/ as it is instead of building api and worker (and web,
                           for the builder scenario) first
  -h, --help

PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
used as admin to create and drop a database per run. Redis: BENCH_REDIS_URL (default
redis://127.0.0.1:6379), with a Bull prefix per run. ENGINE_* and DATABASE_POOL_SIZE
in the environment are passed on to Tideway.`;

const list = (value) =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : undefined;

function positive(name, value) {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`--${name} must be a positive number, not ${value}`);
  return number;
}

export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      mode: { type: 'string' },
      workers: { type: 'string' },
      contacts: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'baseline-seconds': { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const workers = (list(values.workers) ?? ['1', '2']).map((w) => {
    const n = Number(w);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`--workers takes whole numbers like 1,2, not ${values.workers}`);
    return n;
  });
  const contacts = positive('contacts', values.contacts);
  if (contacts !== undefined && !Number.isInteger(contacts))
    throw new Error('--contacts must be a whole number');
  return {
    help: values.help,
    scenarios: list(values.scenario),
    modes: list(values.mode),
    workers,
    contacts,
    quick: values.quick,
    baselineSeconds:
      positive('baseline-seconds', values['baseline-seconds']) ?? (values.quick ? 1 : 5),
    timeoutSeconds: positive('timeout', values.timeout),
    json: values.json,
    build: !values['no-build'],
  };
}
