import type { AppConfig } from '@tideway/server';
import type { Request } from 'express';

/**
 * Where users reach this server, for URLs the API hands out: PUBLIC_URL, or
 * else the origin the request came to (behind a proxy, with TRUST_PROXY, the
 * one the client used).
 */
export function publicBaseUrl(config: AppConfig, request: Request): string {
  return (
    config.publicUrl ?? `${request.protocol}://${request.get('host') ?? `localhost:${config.port}`}`
  );
}
