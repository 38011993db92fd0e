export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class TimeoutError extends Error {}

/**
 * Polls `probe` until it answers true. `deadline` is the scenario's (ms since
 * the epoch); `describe` says what was awaited and how far it got, for the message.
 */
export async function waitUntil(probe, { deadline, intervalMs = 200, describe }) {
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new TimeoutError(`timed out waiting for ${await describe()}`);
    await sleep(intervalMs);
  }
}
