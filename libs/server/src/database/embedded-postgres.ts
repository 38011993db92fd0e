import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DataDirLock } from './data-dir-lock';

/**
 * PGlite (PostgreSQL compiled to WASM) served on a loopback port, so the
 * embedded mode talks to it with `pg` and TypeORM exactly as the scaled mode
 * talks to a PostgreSQL server: one dialect, one code path.
 *
 * PGlite is a single backend: the socket server serialises transactions, so
 * the pool in front of it must hold one connection (see ../shared/STACK.md).
 * It belongs to one process: DATA_DIR is locked while it runs (data-dir-lock.ts).
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly lock: DataDirLock,
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const lock = await DataDirLock.acquire(dataDir, 'Tideway');
    try {
      const pgdata = path.resolve(dataDir, 'pgdata');
      await mkdir(pgdata, { recursive: true });
      const db = await PGlite.create(pgdata);
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
      await server.start();
      return new EmbeddedPostgres(
        lock,
        db,
        server,
        `postgres://postgres@${server.getServerConn()}/postgres`,
      );
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    await this.lock.release();
  }
}
