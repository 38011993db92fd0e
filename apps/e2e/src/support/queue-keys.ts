import { Redis } from 'ioredis';

/** Deletes a test's Bull keys (its QUEUE_PREFIX only) from a Redis shared with other tests. */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  let deleted = 0;
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
      if ((keys as string[]).length > 0) deleted += await redis.del(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}
