import { Pool } from 'pg';
import { ApiSession } from './api-session';
import type { BuiltProcess } from './built-app';
import { startBuiltApi } from './built-app';
import { ApiStatusTally, pause, waitUntil } from './fault-probes';
import type { WebhookIdReceiver } from './webhook-id-receiver';

const owner = { email: 'faults@example.test', password: 'fault injection' };

/**
 * Engine settings for the fault suites: short leases, so that work lost with
 * a process comes back within seconds, and the receiver on 127.0.0.1.
 */
export const FAULT_ENGINE_ENV = {
  ENGINE_SCAN_MS: '100',
  ENGINE_LEASE_MS: '3000',
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
};

/** How long a contact may stand still on the way: twice the lease, plus a scan. */
export function stuckBoundMs(env: Record<string, string>): number {
  return 2 * Number(env.ENGINE_LEASE_MS) + Number(env.ENGINE_SCAN_MS);
}

/** What a finished run left behind, for the spec to judge. */
export type RunFacts = {
  enrollments: number;
  completed: number;
  /** Enrollments that ran a node more than once. */
  stepsRunTwice: number;
  contactsWithBothTags: number;
  deliveries: number;
  deliveriesSucceeded: number;
  contactsReceived: number;
  /** Contacts the receiver saw under more than one webhook-id: must be none. */
  contactsUnderSeveralIds: string[];
  /** Contacts whose webhook-id is not their delivery's. */
  idsNotTheDeliverys: number;
  /** Requests beyond one per contact: the same webhook-id again (allowed). */
  redeliveries: number;
};

/**
 *   manual -> add tag "first" -> Send a Webhook (form: Email=[Email]) -> add tag "second" -> end
 *
 * posting to `receiverUrl`: the campaign of the fault and shutdown suites.
 */
export function webhookLineGraph(receiverUrl: string) {
  const node = (id: string, type: string, config: Record<string, unknown>, y: number) => ({
    id,
    type,
    position: { x: 0, y },
    data: { config },
  });
  return {
    nodes: [
      node('start', 'trigger.manual', {}, 0),
      node('first', 'action.addTag', { tag: 'first' }, 100),
      node(
        'hook',
        'action.sendWebhook',
        {
          url: receiverUrl,
          method: 'POST',
          contentType: 'form',
          body: { mode: 'postData', template: 'Email=[Email]' },
        },
        200,
      ),
      node('second', 'action.addTag', { tag: 'second' }, 300),
      node('done', 'end', {}, 400),
    ],
    edges: ['start>first', 'first>hook', 'hook>second', 'second>done'].map((pair) => {
      const [source, target] = pair.split('>');
      return { id: pair, source, target };
    }),
  };
}

/**
 * A campaign that sends every contact's webhook (`webhookLineGraph`), run by
 * the built API and workers while a spec breaks things. The API runs
 * without a worker; workers are the spec's (WorkerPool).
 */
export class WebhookCampaignRun {
  /** Every answer of the API during the run: enrollments and the polls of the stats. */
  readonly tally = new ApiStatusTally();
  private polling: NodeJS.Timeout | undefined;

  private constructor(
    readonly api: BuiltProcess,
    private readonly session: ApiSession,
    readonly db: Pool,
    readonly campaignId: string,
    readonly contactIds: string[],
  ) {}

  static async prepare(options: {
    env: Record<string, string>;
    contacts: number;
    receiverUrl: string;
  }): Promise<WebhookCampaignRun> {
    const apiEnv = {
      ...options.env,
      RUN_WORKER: 'false',
      ADMIN_EMAIL: owner.email,
      ADMIN_PASSWORD: owner.password,
    };
    const api = await startBuiltApi(apiEnv);
    const session = await ApiSession.asOwner(api.url, owner);
    const csv = [
      'email',
      ...Array.from({ length: options.contacts }, (_, i) => `fault${i}@example.test`),
    ].join('\n');
    const imported = await session.request('POST', '/api/v1/contacts/import', csv, 'text/csv');
    if (imported.body?.created !== options.contacts)
      throw new Error(`import: ${JSON.stringify(imported.body)}`);
    const created = await session.request('POST', '/api/v1/campaigns', {
      name: 'Faults',
      graph: webhookLineGraph(options.receiverUrl),
    });
    if (created.status !== 201)
      throw new Error(`campaign: ${created.status} ${JSON.stringify(created.body)}`);
    const published = await session.request(
      'POST',
      `/api/v1/campaigns/${created.body.id}/publish`,
      {},
    );
    if (published.status !== 200)
      throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);

    // A pool, not a client: it outlives a restart of the database server.
    const db = new Pool({ connectionString: options.env.DATABASE_URL, max: 3 });
    db.on('error', () => undefined);
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM contacts ORDER BY id`);
    return new WebhookCampaignRun(
      api,
      session,
      db,
      created.body.id,
      rows.map((r) => r.id),
    );
  }

  /**
   * Enrolls every contact, `batch` per request, one request every
   * `intervalMs` at most: a steady flow rather than one burst, held back
   * while more than `maxDue` contacts and deliveries are due, so that how
   * long a contact waits measures the faults, not a backlog of a machine
   * shared with other work. A request that gets no answer or 503 is sent
   * again (enrolling is idempotent: the re-entry policy skips who is in).
   */
  async enrollPaced(
    batch: number,
    intervalMs: number,
    contactIds: readonly string[] = this.contactIds,
    maxDue = 4 * batch,
  ): Promise<void> {
    for (let i = 0; i < contactIds.length; i += batch) {
      const started = Date.now();
      await waitUntil(async () => (await this.due()) <= maxDue, 120_000, 'the due work to go down');
      await this.enroll(contactIds.slice(i, i + batch));
      await pause(Math.max(0, intervalMs - (Date.now() - started)));
    }
  }

  /** One enrollment request for these contacts, sent again while the API is unavailable. */
  async enroll(contactIds: readonly string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const status = await this.call('POST', `/api/v1/campaigns/${this.campaignId}/enrollments`, {
        contactIds,
      });
      if (status === 202) return;
      if (status !== 503 && status !== 0) {
        const errors = this.api
          .output()
          .split('\n')
          .filter((line) => line.includes('answered 500'));
        throw new Error(`enroll: answered ${status}\n${errors.join('\n').slice(0, 8000)}`);
      }
      if (attempt > 600) throw new Error('enroll: the API stayed unavailable');
      await pause(100);
    }
  }

  /** Enrollments and deliveries some worker holds the lease of now. */
  async leased(): Promise<number> {
    const { rows } = await this.db.query(
      `SELECT (SELECT count(*) FROM enrollments WHERE state IN ('ready', 'waiting') AND lease_until > now())
            + (SELECT count(*) FROM deliveries WHERE status IN ('pending', 'retrying') AND lease_until > now()) AS n`,
    );
    return Number(rows[0].n);
  }

  /** Enrollments and deliveries due now. */
  async due(): Promise<number> {
    const { rows } = await this.db.query(
      `SELECT (SELECT count(*) FROM enrollments WHERE state IN ('ready', 'waiting') AND run_at <= now())
            + (SELECT count(*) FROM deliveries WHERE status IN ('pending', 'retrying') AND next_attempt_at <= now()) AS n`,
    );
    return Number(rows[0].n);
  }

  /** Reads the campaign's stats every `everyMs` until the run closes, tallying the answers. */
  startPolling(everyMs = 500): void {
    this.polling = setInterval(() => {
      void this.call('GET', `/api/v1/campaigns/${this.campaignId}/stats`);
    }, everyMs);
    this.polling.unref();
  }

  async completed(): Promise<number> {
    const { rows } = await this.db.query(
      `SELECT count(*)::int AS n FROM enrollments WHERE state = 'completed'`,
    );
    return rows[0].n;
  }

  async waitUntilAllCompleted(timeoutMs: number): Promise<void> {
    const all = this.contactIds.length;
    await waitUntil(async () => (await this.completed()) === all, timeoutMs, 'completion').catch(
      async () => {
        throw new Error(`${await this.completed()} of ${all} enrollments completed in time`);
      },
    );
  }

  async facts(receiver: WebhookIdReceiver): Promise<RunFacts> {
    const count = async (sql: string) => (await this.db.query(sql)).rows[0].n as number;
    const webhookIds = new Map(
      (
        await this.db.query<{ email: string; webhook_id: string }>(
          `SELECT c.email, d.webhook_id FROM deliveries d JOIN contacts c ON c.id = d.contact_id`,
        )
      ).rows.map((row) => [row.email, row.webhook_id]),
    );
    const received = [...receiver.idsByEmail];
    return {
      enrollments: await count(`SELECT count(*)::int AS n FROM enrollments`),
      completed: await count(
        `SELECT count(*)::int AS n FROM enrollments WHERE state = 'completed'`,
      ),
      stepsRunTwice: await count(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM enrollment_steps GROUP BY enrollment_id, node_id HAVING count(*) > 1) twice`,
      ),
      contactsWithBothTags: await count(
        `SELECT count(*)::int AS n FROM contacts WHERE tags = ARRAY['first', 'second']`,
      ),
      deliveries: await count(`SELECT count(*)::int AS n FROM deliveries`),
      deliveriesSucceeded: await count(
        `SELECT count(*)::int AS n FROM deliveries WHERE status = 'succeeded'`,
      ),
      contactsReceived: receiver.idsByEmail.size,
      contactsUnderSeveralIds: received.filter(([, ids]) => ids.size !== 1).map(([email]) => email),
      idsNotTheDeliverys: received.filter(([email, ids]) => !ids.has(webhookIds.get(email) ?? ''))
        .length,
      redeliveries: receiver.requests() - receiver.idsByEmail.size,
    };
  }

  /**
   * The longest waits of the run, hop by hop, with when they began: where a
   * contact stood still (its enrollment before its first step, its delivery
   * before the attempt recorded, its enrollment after the delivery before the
   * next step), to set beside the times of the faults.
   */
  async slowestHops(limit = 3): Promise<string[]> {
    const { rows } = await this.db.query<{ hop: string; id: string; since: Date; ms: number }>(
      `WITH t AS (
         SELECT e.id, e.entered_at,
                (SELECT min(at) FROM enrollment_steps s WHERE s.enrollment_id = e.id AND s.node_id = 'start') AS entered_step,
                d.created_at AS delivery_created,
                (SELECT min(at) FROM delivery_attempts a WHERE a.delivery_id = d.id) AS attempted,
                (SELECT min(at) FROM enrollment_steps s WHERE s.enrollment_id = e.id AND s.node_id = 'second') AS went_on
           FROM enrollments e JOIN deliveries d ON d.enrollment_id = e.id)
       SELECT * FROM (
         SELECT 'enrolled>first step' AS hop, id, entered_at AS since, extract(epoch FROM entered_step - entered_at) * 1000 AS ms FROM t
         UNION ALL SELECT 'delivery>attempt', id, delivery_created, extract(epoch FROM attempted - delivery_created) * 1000 FROM t
         UNION ALL SELECT 'attempt>next step', id, attempted, extract(epoch FROM went_on - attempted) * 1000 FROM t) hops
        ORDER BY ms DESC NULLS LAST LIMIT $1`,
      [limit],
    );
    return rows.map(
      (row) =>
        `${row.hop} ${Math.round(row.ms)} ms from ${row.since.toISOString()} (enrollment ${row.id})`,
    );
  }

  async close(): Promise<void> {
    clearInterval(this.polling);
    await this.api.stop('SIGKILL');
    await this.db.end();
  }

  /** One request to the API, tallied; status 0 when the API did not answer at all. */
  async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    try {
      const answer = await this.session.request(method, path, body);
      this.tally.record(answer.status);
      return answer;
    } catch {
      this.tally.unreachable++;
      return { status: 0, body: null };
    }
  }

  private async call(method: string, path: string, body?: unknown): Promise<number> {
    return (await this.request(method, path, body)).status;
  }
}
