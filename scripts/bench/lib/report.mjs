/** The results table printed at the end of a run. */
const COLUMNS = [
  ['scenario', (r) => r.scenario],
  ['mode', (r) => r.mode],
  ['workers', (r) => r.workers ?? ''],
  ['contacts', (r) => r.contacts ?? ''],
  ['per s', (r) => number(r.perSec)],
  ['baseline/s', (r) => number(r.baselinePerSec)],
  ['ratio', (r) => fixed(r.ratio, 3)],
  ['deliveries/s', (r) => number(r.deliveriesPerSec)],
  ['wake/s', (r) => number(r.wakePerSec)],
  ['steps/contact', (r) => fixed(r.stepsPerContact, 1)],
  ['steps/raw tx', (r) => fixed(r.stepsPerRawTx, 2)],
  ['tti ms', (r) => number(r.ttiMs)],
  ['baseline tti ms', (r) => number(r.baselineTtiMs)],
  ['drag fps', (r) => fixed(r.dragFps, 1)],
  ['baseline drag fps', (r) => fixed(r.baselineDragFps, 1)],
  ['worst frame ms', (r) => fixed(r.worstFrameMs, 1)],
  ['p50 ms', (r) => number(r.p50Ms)],
  ['p99 ms', (r) => number(r.p99Ms)],
  [
    'peak RSS MB',
    (r) =>
      r.rssMb
        ? Object.entries(r.rssMb)
            .map(([p, mb]) => `${p} ${mb}`)
            .join(', ')
        : '',
  ],
  ['took s', (r) => fixed(r.tookSeconds, 0)],
];

const number = (v) => (typeof v === 'number' ? Math.round(v).toLocaleString('en-US') : '');
const fixed = (v, digits) => (typeof v === 'number' ? v.toFixed(digits) : '');

export function resultsTable(results) {
  const rows = results.map((r) => COLUMNS.map(([, cell]) => String(cell(r))));
  const widths = COLUMNS.map(([title], i) =>
    Math.max(title.length, ...rows.map((row) => row[i].length)),
  );
  const line = (cells) =>
    `| ${cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const lines = [
    line(COLUMNS.map(([title]) => title)),
    `|${widths.map((w, i) => (i < 4 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ];
  const failures = results
    .filter((r) => r.error)
    .map((r) => `  ${r.scenario} ${r.mode} ${r.workers ?? ''}: ${r.error}`);
  return [...lines, ...(failures.length ? ['', 'Failed:', ...failures] : [])].join('\n');
}

/** The JSON line of a result: the issue's fields first, numbers rounded for reading. */
export function jsonLine(result) {
  const round = (v) =>
    typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v;
  return JSON.stringify(Object.fromEntries(Object.entries(result).map(([k, v]) => [k, round(v)])));
}
