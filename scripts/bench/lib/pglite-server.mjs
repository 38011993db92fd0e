// A PGlite served on a loopback port, the way Tideway's embedded mode serves
// it (libs/server/src/database/embedded-postgres.ts), for the raw transaction
// baseline: `node pglite-server.mjs <dir>` prints {"url": ...} when ready and
// stops on SIGTERM.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const pgdata = path.resolve(process.argv[2], 'pgdata');
await mkdir(pgdata, { recursive: true });
const db = await PGlite.create(pgdata);
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
await server.start();
console.log(JSON.stringify({ url: `postgres://postgres@${server.getServerConn()}/postgres` }));

const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
