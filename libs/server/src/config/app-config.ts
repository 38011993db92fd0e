import { z } from 'zod';
import type { LogOptions } from '../logging/create-logger';
import { LOG_LEVELS } from '../logging/create-logger';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().url().optional(),
  QUEUE_PREFIX: z.string().default('tideway'),
  RUN_WORKER: z.enum(['auto', 'true', 'false']).default('auto'),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  WEB_DIST_DIR: z.string().optional(),
  TRUST_PROXY: flag,
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 7),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  JSON_BODY_LIMIT: z.string().default('1mb'),
  IMPORT_BODY_LIMIT: z.string().default('50mb'),
  WEBHOOK_ALLOW_HTTP: flag,
  WEBHOOK_ALLOWED_PRIVATE_HOSTS: z.string().default(''),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(0).default(5000),
  ENGINE_SCAN_MS: z.coerce.number().int().min(10).default(250),
  ENGINE_SCAN_BATCH: z.coerce.number().int().min(1).max(10_000).default(1000),
  ENGINE_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  ENGINE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  ENGINE_STEP_BATCH: z.coerce.number().int().min(1).max(1000).default(50),
  HOOK_DISABLE_AFTER_HOURS: z.coerce.number().positive().default(72),
  HOOK_SECRET_ROTATION_HOURS: z.coerce.number().min(0).default(24),
  PUBLIC_URL: z.string().url().optional(),
  INBOUND_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOG_PRETTY: z.enum(['auto', 'true', 'false']).default('auto'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  METRICS_TOKEN: z.string().min(16).optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_CACHE_SECONDS: z.coerce.number().min(0).default(15),
  JOB_CHUNK_SIZE: z.coerce.number().int().min(1).max(100_000).default(10_000),
});

export type AppConfig = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  queuePrefix: string;
  /** Whether this process consumes the queues as well as serving HTTP. */
  runWorker: boolean;
  admin: { email: string; password: string } | undefined;
  webDistDir: string | undefined;
  trustProxy: boolean;
  sessionTtlMs: number;
  login: { maxFailures: number; windowMs: number };
  bodyLimits: { json: string; import: string };
  webhooks: { allowHttp: boolean; allowedPrivateHosts: string[]; retryBaseMs: number };
  /** The durable engine's pace (docs/decisions/002-durable-engine.md). */
  engine: {
    scanMs: number;
    scanBatch: number;
    leaseMs: number;
    concurrency: number;
    stepBatch: number;
  };
  /** Event hooks: a hook failing this long is disabled; a rotated secret keeps signing this long. */
  hooks: { disableAfterMs: number; secretRotationMs: number };
  /** Where users reach this server (inbound webhook URLs); unset = the origin of the request that asks. */
  publicUrl: string | undefined;
  /** Inbound webhook requests per endpoint and minute, per API process (inbound-rate-limit.ts). */
  inbound: { ratePerMinute: number };
  /** LOG_LEVEL, and whether lines are JSON or readable (LOG_PRETTY; auto = readable on a terminal). */
  log: LogOptions;
  /** On SIGTERM, how long running steps, deliveries and requests get to finish before the process stops anyway. */
  shutdownTimeoutMs: number;
  /**
   * GET /metrics (../metrics): a bearer token it requires when set; the
   * port of a worker's metrics server (unset = none; 0 = any free port); how
   * long the database gauges are reused between scrapes.
   */
  metrics: { token: string | undefined; port: number | undefined; cacheMs: number };
  /** Jobs (../jobs): contacts enrolled, or moved on publish, per transaction. */
  jobs: { chunkSize: number };
}>;

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

/** Reads the environment once, at start, and fails loudly on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means "not set" (docker-compose and shells often pass VAR=).
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (Boolean(e.ADMIN_EMAIL) !== Boolean(e.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration: ADMIN_EMAIL and ADMIN_PASSWORD go together');
  }
  if (!e.DATABASE_URL && e.REDIS_URL) {
    // The embedded database lives inside one process; a Redis queue exists to
    // share work between processes, which could not reach that database.
    throw new ConfigError('Invalid configuration: REDIS_URL needs DATABASE_URL (PostgreSQL)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    runWorker: e.RUN_WORKER === 'auto' ? !e.REDIS_URL : e.RUN_WORKER === 'true',
    admin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD }
        : undefined,
    webDistDir: e.WEB_DIST_DIR,
    trustProxy: e.TRUST_PROXY,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, windowMs: e.LOGIN_FAILURE_WINDOW_MINUTES * 60_000 },
    bodyLimits: { json: e.JSON_BODY_LIMIT, import: e.IMPORT_BODY_LIMIT },
    webhooks: {
      allowHttp: e.WEBHOOK_ALLOW_HTTP,
      allowedPrivateHosts: e.WEBHOOK_ALLOWED_PRIVATE_HOSTS.split(',')
        .map((h) => h.trim())
        .filter(Boolean),
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
    },
    engine: {
      scanMs: e.ENGINE_SCAN_MS,
      scanBatch: e.ENGINE_SCAN_BATCH,
      leaseMs: e.ENGINE_LEASE_MS,
      concurrency: e.ENGINE_CONCURRENCY,
      stepBatch: e.ENGINE_STEP_BATCH,
    },
    hooks: {
      disableAfterMs: e.HOOK_DISABLE_AFTER_HOURS * 3_600_000,
      secretRotationMs: e.HOOK_SECRET_ROTATION_HOURS * 3_600_000,
    },
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    inbound: { ratePerMinute: e.INBOUND_RATE_PER_MINUTE },
    log: {
      level: e.LOG_LEVEL,
      pretty: e.LOG_PRETTY === 'auto' ? 'auto' : e.LOG_PRETTY === 'true',
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    metrics: {
      token: e.METRICS_TOKEN,
      port: e.METRICS_PORT,
      cacheMs: e.METRICS_CACHE_SECONDS * 1000,
    },
    jobs: { chunkSize: e.JOB_CHUNK_SIZE },
  };
}
