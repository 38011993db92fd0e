import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { assertLoopback } from './loopback.mjs';

export const adminDatabaseUrl = () =>
  assertLoopback(
    process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    'BENCH_DATABASE_URL',
  );

async function asAdmin(work) {
  const client = newClient(adminDatabaseUrl());
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of its own for one run, dropped (WITH FORCE) when the scope closes. */
export async function createRunDatabase(scope) {
  const name = `tideway_bench_${randomBytes(5).toString('hex')}`;
  try {
    await asAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    throw new Error(
      `cannot create a database on ${redacted(adminDatabaseUrl())}: ${error.message}`,
    );
  }
  scope.defer(`database ${name}`, () =>
    asAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  );
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/**
 * A pg client that survives its server going away (the run's database is
 * dropped WITH (FORCE) on cleanup, perhaps while a query runs): the failure
 * reaches the caller through that query, not as an unhandled 'error' event.
 */
export function newClient(url) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', ignoreConnectionError);
  return client;
}

function ignoreConnectionError() {
  // reported by the query that was running, if any
}

/** A pg client closed with the scope. */
export async function connect(scope, url) {
  const client = newClient(url);
  await client.connect();
  scope.defer('database client', () => client.end());
  return client;
}

export function redacted(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
