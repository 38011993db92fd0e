import { hashToken, safeEqual } from '../auth/tokens';

/**
 * Whether a scrape may read the metrics: always when METRICS_TOKEN is unset,
 * otherwise only with `Authorization: Bearer <token>`. Both sides are hashed
 * first, so the comparison takes the same time whatever the length or the
 * first differing byte of what was sent.
 */
export function mayReadMetrics(
  authorization: string | undefined,
  token: string | undefined,
): boolean {
  if (token === undefined) return true;
  const sent = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  return safeEqual(hashToken(sent), hashToken(token));
}
