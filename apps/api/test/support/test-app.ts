import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig, EngineOptions, Logger, LogLevel, Scope } from '@tideway/server';
import {
  createLogger,
  hashToken,
  loadConfig,
  LOG_LEVELS,
  randomToken,
  SCOPES,
} from '@tideway/server';
import type { TestDatabase } from '@tideway/server/testing';
import { createTestDatabase } from '@tideway/server/testing';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../src/create-api-app';
import { HttpClient } from './http-client';

export type TestApp = {
  url: string;
  config: AppConfig;
  app: NestExpressApplication;
  db: DataSource;
  /** An unauthenticated client. */
  http: HttpClient;
  close(): Promise<void>;
};

/**
 * Starts the real API (same module, same HTTP set-up as main.ts) on a random
 * port over a database of its own, in the configuration this run tests.
 * `logs` receives every line the app logs (at LOG_LEVEL, from `env`).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  engine: EngineOptions = {},
  logs?: DestinationStream,
): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_DIST_DIR: '/nonexistent',
    ...database.env,
    ...env,
  });
  const app = await createApiApp(config, engine, testLogger(config, logs));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    config,
    app,
    db: app.get(DataSource),
    http: new HttpClient(url),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Quiet unless TEST_LOGS is set (to a level, or to anything for LOG_LEVEL's); `logs` captures instead. */
function testLogger(config: AppConfig, logs?: DestinationStream): Logger {
  if (logs) return createLogger(config.log, 'api', logs);
  const asked = process.env.TEST_LOGS;
  const level: LogLevel = !asked
    ? 'silent'
    : LOG_LEVELS.includes(asked as LogLevel)
      ? (asked as LogLevel)
      : config.log.level;
  return createLogger({ ...config.log, level }, 'api');
}

export type TestWorkspace = {
  workspaceId: string;
  userId: string;
  email: string;
  client: HttpClient;
};

let counter = 0;

/**
 * A workspace with an owner and an API key holding `scopes` (all by default),
 * made directly in the database: a factory, so tests of one feature do not
 * depend on the routes of another.
 */
export async function aWorkspace(
  app: TestApp,
  scopes: readonly Scope[] = SCOPES,
): Promise<TestWorkspace> {
  const email = `owner${++counter}-${Date.now()}@example.test`;
  const [{ id: workspaceId }] = await app.db.query(
    `INSERT INTO workspaces (name) VALUES ($1) RETURNING id`,
    [`Workspace ${counter}`],
  );
  const [{ id: userId }] = await app.db.query(
    `INSERT INTO users (email, password_hash) VALUES ($1, 'not-a-usable-hash') RETURNING id`,
    [email],
  );
  await app.db.query(
    `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'owner')`,
    [workspaceId, userId],
  );
  const key = randomToken('tw_');
  await app.db.query(
    `INSERT INTO api_keys (workspace_id, name, prefix, key_hash, scopes, created_by) VALUES ($1, 'test', $2, $3, $4, $5)`,
    [workspaceId, key.slice(0, 10), hashToken(key), scopes, userId],
  );
  return { workspaceId, userId, email, client: app.http.with({ authorization: `Bearer ${key}` }) };
}
