import { waitUntil } from './wait.mjs';

/**
 * A campaign's enrollments as a scenario reads them once the engine is
 * running: from the database directly in postgres mode (`db`), through the
 * API in pglite mode, whose stats share PGlite's one connection with the
 * engine and so are asked less often.
 */

/**
 * Enrolls every contact of the workspace with one filter enrollment, then
 * waits until all `contacts` have completed (an exit is an error). Answers
 * when the request was sent and how long it took to answer.
 */
export async function enrollAllAndWait({ session, db, campaignId, contacts, ctx }) {
  const started = Date.now();
  const enrolled = await session.expect(
    202,
    'POST',
    `/api/v1/campaigns/${campaignId}/enrollments`,
    {
      filter: {},
    },
  );
  const enrollMs = Date.now() - started;
  if (enrolled.enrolled !== contacts)
    throw new Error(`enrolled ${enrolled.enrolled} of ${contacts} contacts`);
  const last = await waitForEnrollmentsToEnd({ session, db, campaignId, contacts, started, ctx });
  if (last.exited > 0)
    throw new Error(`${last.exited} of ${contacts} enrollments exited instead of completing`);
  return { started, enrollMs };
}

/** Waits until all `contacts` enrollments have ended, logging progress; answers the final counts. */
export async function waitForEnrollmentsToEnd({ session, db, campaignId, contacts, started, ctx }) {
  const progress = db
    ? () => countsFromDatabase(db, campaignId)
    : () => countsFromApi(session, campaignId);
  let last = { completed: 0, exited: 0 };
  let lastLog = Date.now();
  await waitUntil(
    async () => {
      last = await progress();
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        ctx.log(
          `${last.completed}/${contacts} completed after ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }
      return last.completed + last.exited >= contacts;
    },
    {
      deadline: ctx.deadline,
      intervalMs: db ? 500 : 1000,
      describe: () => `all ${contacts} contacts to complete (${last.completed} completed)`,
    },
  );
  return last;
}

/** Each completed enrollment's contact email, entered_at and ended_at (ms since the epoch). */
export function completedTimings(session, db, campaignId) {
  return db ? timingsFromDatabase(db, campaignId) : timingsFromApi(session, campaignId);
}

async function countsFromDatabase(db, campaignId) {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE state = 'completed')::int AS completed,
            count(*) FILTER (WHERE state = 'exited')::int AS exited
       FROM enrollments WHERE campaign_id = $1`,
    [campaignId],
  );
  return rows[0];
}

async function countsFromApi(session, campaignId) {
  const { enrollments } = await session.expect(200, 'GET', `/api/v1/campaigns/${campaignId}/stats`);
  return { completed: enrollments.completed, exited: enrollments.exited };
}

async function timingsFromDatabase(db, campaignId) {
  const { rows } = await db.query(
    `SELECT c.email, extract(epoch FROM e.entered_at) * 1000 AS entered,
            extract(epoch FROM e.ended_at) * 1000 AS ended
       FROM enrollments e JOIN contacts c ON c.id = e.contact_id
      WHERE e.campaign_id = $1 AND e.state = 'completed'`,
    [campaignId],
  );
  return rows.map((row) => ({
    email: row.email,
    enteredAt: Number(row.entered),
    endedAt: Number(row.ended),
  }));
}

async function timingsFromApi(session, campaignId) {
  const timings = [];
  let cursor = null;
  do {
    const query = `state=completed&limit=500${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await session.expect(
      200,
      'GET',
      `/api/v1/campaigns/${campaignId}/enrollments?${query}`,
    );
    for (const e of page.data)
      timings.push({
        email: e.contact.email,
        enteredAt: Date.parse(e.enteredAt),
        endedAt: Date.parse(e.endedAt),
      });
    cursor = page.nextCursor;
  } while (cursor);
  return timings;
}
