import type { QueueCounts } from '@tideway/server';

export type QueueCountsRow = { queue: string; counts: QueueCounts };

const COLUMNS: readonly (keyof QueueCounts)[] = ['waiting', 'active', 'delayed', 'failed'];

/**
 * The queue page of embedded mode, where there is no Bull to show: the
 * in-process queue's counts, server-rendered, refreshing itself every few
 * seconds (a meta refresh: no script, so the API's CSP stays as it is).
 */
export function renderQueueCountsPage(rows: readonly QueueCountsRow[], at: Date): string {
  const body = rows
    .map(
      ({ queue, counts }) =>
        `<tr data-queue="${escapeHtml(queue)}"><th scope="row">${escapeHtml(queue)}</th>${COLUMNS.map(
          (column) => `<td data-state="${column}">${counts[column]}</td>`,
        ).join('')}</tr>`,
    )
    .join('\n        ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <meta http-equiv="refresh" content="5" />
    <title>Queues · Tideway</title>
    <style>
      body { font: 15px/1.5 system-ui, sans-serif; color: #1f2933; margin: 2rem; }
      main { max-width: 44rem; }
      table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
      th, td { border-bottom: 1px solid #d9e2ec; padding: 0.4rem 0.8rem; text-align: right; }
      th:first-child { text-align: left; }
      thead th { font-weight: 600; color: #52606d; }
      td { font-variant-numeric: tabular-nums; }
      p { color: #52606d; }
    </style>
  </head>
  <body>
    <main>
      <h1>Queues</h1>
      <p>The in-process queue of this server (embedded mode), at <time datetime="${at.toISOString()}">${at.toISOString()}</time>. The page reloads every 5 seconds.</p>
      <table>
        <thead>
          <tr><th scope="col">queue</th>${COLUMNS.map((column) => `<th scope="col">${column}</th>`).join('')}</tr>
        </thead>
        <tbody>
        ${body}
        </tbody>
      </table>
      <p>A job only names database rows (enrollments to step, deliveries to send); the rows are the truth, and work whose job is lost is claimed again when its lease ends. <em>failed</em> counts jobs whose handler failed since this process started. With Redis (scaled mode) this page is Bull Board.</p>
    </main>
  </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
