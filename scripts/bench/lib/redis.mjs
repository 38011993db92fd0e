import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { assertLoopback } from './loopback.mjs';

export const benchRedisUrl = () =>
  assertLoopback(process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379', 'BENCH_REDIS_URL');

/** A Bull prefix of its own for one run; its keys are deleted when the scope closes. */
export async function createQueuePrefix(scope) {
  const prefix = `tideway-bench-${randomBytes(5).toString('hex')}`;
  const url = benchRedisUrl();
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    probe.disconnect();
    throw new Error(`cannot reach Redis at ${url}: ${error.message}`);
  }
  probe.disconnect();
  scope.defer(`Redis keys ${prefix}:*`, () => deleteKeys(url, `${prefix}:*`));
  return { url, prefix };
}

async function deleteKeys(url, pattern) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
