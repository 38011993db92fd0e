import type { Scope } from '@tideway/server';
import { ABANDONED_AFTER_MS, JobRunner } from '@tideway/server';
import { testDatabaseMode } from '@tideway/server/testing';
import { aField, anApiKey, csv, importCsv } from './support/contacts';
import { aDraftSave, aValidGraph } from './support/campaigns';
import { aGraph, aLiveCampaign, eventually } from './support/engine';
import type { HttpResponse } from './support/http-client';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

const ASYNC = { headers: { prefer: 'respond-async' } };
/** Small chunks, so a few thousand contacts make many transactions and visible progress. */
const CHUNK = 250;

type Job = {
  id: string;
  kind: string;
  state: 'running' | 'succeeded' | 'failed';
  total: number | null;
  processed: number;
  errors: number;
  errorSamples: { row?: number; field?: string; message: string }[];
  result: Record<string, unknown> | null;
  failure: { statusCode: number; message: string } | null;
  finishedAt: string | null;
};

describe('jobs: progress of long work', () => {
  let app: TestApp;
  beforeAll(async () => {
    // No engine: enrollments stay where they enter, and the CPU goes to the work under test.
    app = await startTestApp({ RUN_WORKER: 'false', JOB_CHUNK_SIZE: String(CHUNK) });
  });
  afterAll(() => app.close());

  /** Polls the job as a client would until it ends, keeping every `processed` seen while it ran. */
  async function pollUntilDone(ws: TestWorkspace, id: string, timeoutMs = 90_000) {
    const seen: number[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await ws.client.get(`/api/v1/jobs/${id}`);
      expect(res.status).toBe(200);
      const job = res.body as Job;
      if (job.state !== 'running') return { job, seen };
      seen.push(job.processed);
      if (Date.now() > deadline) throw new Error(`job ${id} still running after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  function expectAccepted(res: HttpResponse, kind: string): Job {
    expect(res.status).toBe(202);
    expect(res.body.job).toMatchObject({ kind, state: 'running' });
    expect(res.headers.get('location')).toBe(`/api/v1/jobs/${res.body.job.id}`);
    expect(res.headers.get('preference-applied')).toBe('respond-async');
    return res.body.job;
  }

  function expectMonotonic(seen: number[]): void {
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  }

  /** `count` contacts tagged `tag`, written directly: enrollment specs need people, not the import. */
  async function manyContacts(ws: TestWorkspace, count: number, tag: string): Promise<void> {
    await app.db.query(
      `INSERT INTO contacts (workspace_id, email, tags)
       SELECT $1, 'bulk' || g || '-' || $3 || '@example.test', ARRAY[$3::text] FROM generate_series(1, $2::int) g`,
      [ws.workspaceId, count, tag],
    );
  }

  /**
   * A file whose quote is never closed, past its first 64 KB: the header reads well, so the job starts
   * (a fault within the first bytes read may be found with the header, and refused with 422 at once).
   */
  function aMalformedImport(ws: TestWorkspace): Promise<HttpResponse> {
    const rows = Array.from({ length: 5_000 }, (_, i) => `fine${i}@example.test,Fine`).join('\n');
    return ws.client.post('/api/v1/contacts/import', undefined, {
      ...ASYNC,
      raw: `email,firstName\n${rows}\n"broken@example.test,Broken\n`,
      contentType: 'text/csv',
    });
  }

  async function clientWith(ws: TestWorkspace, scopes: Scope[]) {
    const key = await anApiKey(app, ws.workspaceId, scopes);
    return app.http.with({ authorization: `Bearer ${key}` });
  }

  describe('POST /api/v1/contacts/import with Prefer: respond-async', () => {
    const ROWS = 20_000;
    /** Data rows that fail, 1-based: a bad email, a bad number, two bad cells. */
    const BAD = new Map([
      [7, ['not-an-email', '1']],
      [9_001, ['bad-age@example.test', 'forty']],
      [19_999, ['', 'x']],
    ]);

    function aLargeFile(): string {
      const rows: string[][] = [['email', 'age']];
      for (let row = 1; row <= ROWS; row++) {
        rows.push(BAD.get(row) ?? [`row${row}@import.test`, String(row % 90)]);
      }
      return csv(rows);
    }

    it('imports 20k rows as a job: processed only grows and reaches total; bad rows become error samples', async () => {
      const ws = await aWorkspace(app);
      await aField(ws, { key: 'age', label: 'Age', type: 'number' });
      const res = await ws.client.post('/api/v1/contacts/import', undefined, {
        ...ASYNC,
        raw: aLargeFile(),
        contentType: 'text/csv',
      });
      const accepted = expectAccepted(res, 'import');
      expect(accepted).toMatchObject({ processed: 0, errors: 0, finishedAt: null });

      const { job, seen } = await pollUntilDone(ws, accepted.id);
      expectMonotonic(seen);
      expect(seen.some((processed) => processed > 0 && processed < ROWS)).toBe(true);
      expect(job).toMatchObject({
        state: 'succeeded',
        total: ROWS,
        processed: ROWS,
        errors: 3,
        result: { created: ROWS - 3, updated: 0, failedTotal: 3 },
        failure: null,
        finishedAt: expect.any(String),
      });
      expect(job.errorSamples).toEqual([
        { row: 7, field: 'email', message: expect.stringContaining('email') },
        { row: 9_001, field: 'age', message: expect.stringMatching(/^age: /) },
        { row: 19_999, message: expect.stringMatching(/^email: .*; age: /) },
      ]);
      const [{ n }] = await app.db.query(
        `SELECT count(*)::int AS n FROM contacts WHERE workspace_id = $1`,
        [ws.workspaceId],
      );
      expect(n).toBe(ROWS - 3);
    });

    it('refuses a bad header with 422 before any job starts, as the synchronous form does', async () => {
      const ws = await aWorkspace(app);
      const res = await ws.client.post('/api/v1/contacts/import', undefined, {
        ...ASYNC,
        raw: csv([
          ['email', 'shoeSize'],
          ['a@example.test', '42'],
        ]),
        contentType: 'text/csv',
      });
      expect(res.status).toBe(422);
      expect((await ws.client.get('/api/v1/jobs')).body.data).toEqual([]);
    });

    it('fails the job of a malformed file and writes no row, not even those before the fault', async () => {
      const ws = await aWorkspace(app);
      const { job } = await pollUntilDone(
        ws,
        expectAccepted(await aMalformedImport(ws), 'import').id,
      );
      expect(job).toMatchObject({
        state: 'failed',
        processed: 0,
        failure: { statusCode: 422, message: 'The CSV file is malformed' },
      });
      const [{ n }] = await app.db.query(
        `SELECT count(*)::int AS n FROM contacts WHERE workspace_id = $1`,
        [ws.workspaceId],
      );
      expect(n).toBe(0);
    });

    it('records the synchronous import as a job too, answering exactly as before', async () => {
      const ws = await aWorkspace(app);
      const res = await importCsv(ws, csv([['email'], ['one@example.test'], ['nope']]));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        created: 1,
        updated: 0,
        failed: [{ row: 2, message: expect.any(String) }],
        failedTotal: 1,
      });
      const list = await ws.client.get('/api/v1/jobs?kind=import');
      expect(list.body.data).toEqual([
        expect.objectContaining({
          kind: 'import',
          state: 'succeeded',
          total: 2,
          processed: 2,
          errors: 1,
          errorSamples: [{ row: 2, field: 'email', message: expect.any(String) }],
          result: { created: 1, updated: 0, failedTotal: 1 },
        }),
      ]);
    });
  });

  describe('GET /api/v1/jobs', () => {
    it('is in the OpenAPI document, with Prefer: respond-async on the routes that start jobs', async () => {
      const { paths } = (await app.http.get('/api/docs-json')).body;
      expect(Object.keys(paths)).toEqual(
        expect.arrayContaining(['/api/v1/jobs', '/api/v1/jobs/{id}']),
      );
      for (const path of [
        '/api/v1/contacts/import',
        '/api/v1/campaigns/{id}/enrollments',
        '/api/v1/campaigns/{id}/publish',
      ]) {
        const names = paths[path].post.parameters.map((p: { name: string }) =>
          p.name.toLowerCase(),
        );
        expect(names).toContain('prefer');
        expect(paths[path].post.responses['202']).toBeDefined();
      }
    });

    it('answers 404 for a job of another workspace, and lists only the caller’s', async () => {
      const a = await aWorkspace(app);
      const b = await aWorkspace(app);
      await importCsv(a, csv([['email'], ['mine@example.test']]));
      const [job] = (await a.client.get('/api/v1/jobs')).body.data;
      expect((await a.client.get(`/api/v1/jobs/${job.id}`)).status).toBe(200);
      const res = await b.client.get(`/api/v1/jobs/${job.id}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect((await b.client.get('/api/v1/jobs')).body).toEqual({ data: [], nextCursor: null });
      expect((await a.client.get('/api/v1/jobs/not-a-uuid')).status).toBe(404);
    });

    it('needs credentials (401) and the scope of the job’s work (403)', async () => {
      const ws = await aWorkspace(app);
      await importCsv(ws, csv([['email'], ['scoped@example.test']]));
      const campaign = await aLiveCampaign(
        ws,
        aGraph(
          [
            ['start', 'trigger.manual'],
            ['end', 'end'],
          ],
          [['start', 'end']],
        ),
      );
      await manyContacts(ws, 3, 'scoped');
      await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
        filter: { tag: 'scoped' },
      });
      const jobs: Job[] = (await ws.client.get('/api/v1/jobs')).body.data;
      const [importJob] = jobs.filter((job) => job.kind === 'import');
      const [enrollmentJob] = jobs.filter((job) => job.kind === 'enrollment');

      expect((await app.http.get(`/api/v1/jobs/${importJob.id}`)).status).toBe(401);
      expect((await app.http.get('/api/v1/jobs')).status).toBe(401);

      const contactsOnly = await clientWith(ws, ['contacts:read']);
      expect((await contactsOnly.get(`/api/v1/jobs/${importJob.id}`)).status).toBe(200);
      const forbidden = await contactsOnly.get(`/api/v1/jobs/${enrollmentJob.id}`);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.message).toContain('campaigns:read');
      expect((await contactsOnly.get('/api/v1/jobs?kind=enrollment')).status).toBe(403);
      expect(
        (await contactsOnly.get('/api/v1/jobs')).body.data.map((job: Job) => job.kind),
      ).toEqual(['import']);

      const campaignsOnly = await clientWith(ws, ['campaigns:read']);
      expect((await campaignsOnly.get(`/api/v1/jobs/${importJob.id}`)).status).toBe(403);
      expect((await campaignsOnly.get(`/api/v1/jobs/${enrollmentJob.id}`)).status).toBe(200);

      const hooksOnly = await clientWith(ws, ['hooks:read']);
      expect((await hooksOnly.get('/api/v1/jobs')).status).toBe(403);
      // Starting work needs what the synchronous route needs.
      const importer = await clientWith(ws, ['contacts:read']);
      const refused = await importer.post('/api/v1/contacts/import', undefined, {
        ...ASYNC,
        raw: csv([['email'], ['x@example.test']]),
        contentType: 'text/csv',
      });
      expect(refused.status).toBe(403);
    });

    it('pages newest first and filters by kind and state', async () => {
      const ws = await aWorkspace(app);
      for (const n of [1, 2, 3]) await importCsv(ws, csv([['email'], [`page${n}@example.test`]]));
      await pollUntilDone(ws, expectAccepted(await aMalformedImport(ws), 'import').id);
      const first = await ws.client.get('/api/v1/jobs?limit=2');
      expect(first.body.data).toHaveLength(2);
      expect(first.body.data[0].state).toBe('failed');
      const second = await ws.client.get(`/api/v1/jobs?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.data).toHaveLength(2);
      expect(second.body.nextCursor).toBeNull();
      const all = [...first.body.data, ...second.body.data].map((job: Job) => job.id);
      expect(new Set(all).size).toBe(4);
      expect((await ws.client.get('/api/v1/jobs?state=succeeded')).body.data).toHaveLength(3);
      expect((await ws.client.get('/api/v1/jobs?kind=publish')).body.data).toHaveLength(0);
      expect((await ws.client.get('/api/v1/jobs?state=done')).status).toBe(422);
      // A cursor no bigint can hold is a bad value, not a database error (found by json-fuzz).
      const huge = await ws.client.get('/api/v1/jobs?cursor=99999999999999999999');
      expect(huge.status).toBe(422);
      expect(huge.body.details).toEqual([
        { path: 'cursor', message: 'Not a cursor from a previous page' },
      ]);
    });
  });

  describe('enrollment by filter and publish, as jobs', () => {
    // Enough chunks (100) that the job outlasts several progress writes (at most every 250 ms) on a fast machine.
    const CONTACTS = 25_000;
    /**
     *   [start: manual] -> [wait: 1 day] -> [end]
     */
    const graph = () =>
      aGraph(
        [
          ['start', 'trigger.manual'],
          ['wait', 'wait.delay', { amount: 1, unit: 'days' }],
          ['end', 'end'],
        ],
        [
          ['start', 'wait'],
          ['wait', 'end'],
        ],
      );

    it('enrolls thousands of contacts chunk by chunk, showing the count as it goes, then moves them on publish', async () => {
      const ws = await aWorkspace(app);
      await manyContacts(ws, CONTACTS, 'bulk');
      await manyContacts(ws, 50, 'other');
      const campaign = await aLiveCampaign(ws, graph());

      const res = await ws.client.post(
        `/api/v1/campaigns/${campaign}/enrollments`,
        { filter: { tag: 'bulk' } },
        ASYNC,
      );
      const accepted = expectAccepted(res, 'enrollment');
      const { job, seen } = await pollUntilDone(ws, accepted.id);
      expectMonotonic(seen);
      expect(seen.some((processed) => processed > 0 && processed < CONTACTS)).toBe(true);
      expect(job).toMatchObject({
        state: 'succeeded',
        total: CONTACTS,
        processed: CONTACTS,
        result: { enrolled: CONTACTS, skipped: 0 },
      });
      const [{ n }] = await app.db.query(
        `SELECT count(*)::int AS n FROM enrollments WHERE campaign_id = $1 AND state = 'ready' AND node_id = 'start'`,
        [campaign],
      );
      expect(n).toBe(CONTACTS);
      const [{ events }] = await app.db.query(
        `SELECT count(*)::int AS events FROM deliveries WHERE workspace_id = $1`,
        [ws.workspaceId],
      );
      expect(events).toBe(0);

      // Enrolling again changes nothing: the re-entry policy (once) skips everyone, synchronously as before.
      const again = await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
        filter: { tag: 'bulk' },
      });
      expect(again.status).toBe(202);
      expect(again.body).toEqual({ enrolled: 0, skipped: CONTACTS });

      // A new revision: the contacts move to it chunk by chunk.
      const revision = await aDraftSave(ws, campaign, graph());
      const published = await ws.client.post(
        `/api/v1/campaigns/${campaign}/publish`,
        { revision, onRemovedNodes: 'exit' },
        ASYNC,
      );
      const publishJob = expectAccepted(published, 'publish');
      const moving = await pollUntilDone(ws, publishJob.id);
      expectMonotonic(moving.seen);
      expect(moving.job).toMatchObject({
        state: 'succeeded',
        total: CONTACTS,
        processed: CONTACTS,
        result: { revision, status: 'live', moved: CONTACTS, exited: 0, kept: 0 },
      });
      const [{ onNew }] = await app.db.query(
        `SELECT count(*)::int AS "onNew" FROM enrollments WHERE campaign_id = $1 AND revision = $2`,
        [campaign, revision],
      );
      expect(onNew).toBe(CONTACTS);
      const history = await ws.client.get(`/api/v1/jobs?campaignId=${campaign}`);
      expect(history.body.data.map((j: Job) => j.kind)).toEqual([
        'publish',
        'enrollment',
        'enrollment',
        'publish',
      ]);
    });

    it('enrolls by filter synchronously across many chunks with the same answer as before', async () => {
      const ws = await aWorkspace(app);
      await manyContacts(ws, 1_000, 'sync');
      const campaign = await aLiveCampaign(ws, graph(), { reentry: 'anyTime' });
      const first = await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
        filter: { tag: 'sync' },
      });
      expect(first.status).toBe(202);
      expect(first.body).toEqual({ enrolled: 1_000, skipped: 0 });
      // anyTime: those in the campaign end (restarted) and start again.
      const second = await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
        filter: { tag: 'sync' },
      });
      expect(second.body).toEqual({ enrolled: 1_000, skipped: 0 });
      const states = await app.db.query(
        `SELECT state, exit_reason, count(*)::int AS n FROM enrollments WHERE campaign_id = $1
          GROUP BY state, exit_reason ORDER BY state`,
        [campaign],
      );
      expect(states).toEqual([
        { state: 'exited', exit_reason: 'restarted', n: 1_000 },
        { state: 'ready', exit_reason: null, n: 1_000 },
      ]);
    });

    it('stops when the campaign is paused midway: earlier chunks stay enrolled, the job fails with the count', async () => {
      const ws = await aWorkspace(app);
      // Enough chunks that the job is still running when the pause lands.
      const contacts = 20_000;
      await manyContacts(ws, contacts, 'paused');
      const campaign = await aLiveCampaign(ws, graph());
      const res = await ws.client.post(
        `/api/v1/campaigns/${campaign}/enrollments`,
        { filter: { tag: 'paused' } },
        ASYNC,
      );
      const accepted = expectAccepted(res, 'enrollment');
      // Pause once the first chunks are in.
      for (;;) {
        const job: Job = (await ws.client.get(`/api/v1/jobs/${accepted.id}`)).body;
        if (job.processed > 0 || job.state !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect((await ws.client.post(`/api/v1/campaigns/${campaign}/pause`)).status).toBe(200);
      const { job } = await pollUntilDone(ws, accepted.id);
      expect(job).toMatchObject({ state: 'failed', failure: { statusCode: 409 } });
      expect(job.processed).toBeGreaterThan(0);
      expect(job.processed).toBeLessThan(contacts);
      expect(job.processed % CHUNK).toBe(0);
      const [{ n }] = await app.db.query(
        `SELECT count(*)::int AS n FROM enrollments WHERE campaign_id = $1`,
        [campaign],
      );
      expect(n).toBe(job.processed);
      expect(job.result).toEqual({ enrolled: job.processed, skipped: 0 });
    });

    it('keeps the synchronous refusals synchronous: 409 for a campaign that is not live, and no job', async () => {
      const ws = await aWorkspace(app);
      const created = await ws.client.post('/api/v1/campaigns', {
        name: 'Draft',
        graph: aValidGraph(),
      });
      const res = await ws.client.post(
        `/api/v1/campaigns/${created.body.id}/enrollments`,
        { filter: { tag: 'x' } },
        ASYNC,
      );
      expect(res.status).toBe(409);
      expect((await ws.client.get('/api/v1/jobs')).body.data).toEqual([]);
    });
  });

  // On PostgreSQL, processes come and go: each touches its running jobs and fails those of processes that stopped.
  (testDatabaseMode() === 'postgres' ? describe : describe.skip)('a process that stopped', () => {
    it('has its running jobs failed once it has been silent four heartbeats, while the jobs of a live one run on however long they are quiet', async () => {
      const ws = await aWorkspace(app);
      const runner = app.app.get(JobRunner);
      let finish!: () => void;
      const held = new Promise<void>((resolve) => (finish = resolve));
      const live = await runner.start(
        'import',
        { workspaceId: ws.workspaceId, userId: ws.userId },
        async () => held,
        () => ({ done: true }),
      );
      // A job another process left running, and this process's, both last written just over the limit ago.
      const [{ id: orphan }]: { id: string }[] = await app.db.query(
        `INSERT INTO jobs (workspace_id, kind, input) VALUES ($1, 'import', '{}') RETURNING id`,
        [ws.workspaceId],
      );
      await app.db.query(
        `UPDATE jobs SET updated_at = now() - make_interval(secs => $2) WHERE id = ANY ($1::uuid[])`,
        [[orphan, live.id], ABANDONED_AFTER_MS / 1000 + 1],
      );

      try {
        await runner.beat();

        const orphaned = (await ws.client.get(`/api/v1/jobs/${orphan}`)).body as Job;
        expect(orphaned).toMatchObject({
          state: 'failed',
          failure: { statusCode: 500, message: expect.stringContaining('Interrupted') },
        });
        expect(((await ws.client.get(`/api/v1/jobs/${live.id}`)).body as Job).state).toBe(
          'running',
        );
      } finally {
        // The app waits for its background jobs when it closes.
        finish();
      }
      const done = await eventually(async () => {
        const job = (await ws.client.get(`/api/v1/jobs/${live.id}`)).body as Job;
        return job.state === 'running' ? undefined : job;
      });
      expect(done).toMatchObject({ state: 'succeeded', result: { done: true } });
    });
  });
});
