#!/usr/bin/env node
// Backups of the embedded database (PGlite under DATA_DIR/pgdata), made and
// read by PGlite itself: dumpDataDir() writes a gzipped tarball of the data
// directory, the loadDataDir option starts a new one from it.
//
//   npm run db:backup [-- FILE]          FILE defaults to tideway-backup-<time>.tar.gz
//   npm run db:restore -- FILE [--force] --force sets a non-empty DATA_DIR/pgdata aside first
//
// PGlite takes no lock on its directory and two processes writing it corrupt
// it, so both commands hold DATA_DIR/tideway.lock while they work, as the app
// does (same protocol as libs/server/src/database/data-dir-lock.ts: keep the
// two in step), and refuse while a live process holds it. With DATABASE_URL
// set the data is in PostgreSQL: use pg_dump / pg_restore (README, Operations).
import { PGlite } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

const LOCK_FILE = 'tideway.lock';

/** A refusal or failure the user can act on: printed as one line. */
class Refusal extends Error {}

const [command, ...args] = process.argv.slice(2);
const force = args.includes('--force');
const [file] = args.filter((arg) => !arg.startsWith('--'));

async function main() {
  if (process.env.DATABASE_URL) {
    throw new Refusal(
      'DATABASE_URL is set, so the data is in PostgreSQL: back it up with pg_dump (README, Operations)',
    );
  }
  const dataDir = path.resolve(process.env.DATA_DIR || './data');
  if (command === 'backup') return backup(dataDir, file);
  if (command === 'restore') return restore(dataDir, file);
  throw new Refusal('usage: embedded-backup.mjs backup [FILE] | restore FILE [--force]');
}

async function backup(dataDir, file) {
  const pgdata = path.join(dataDir, 'pgdata');
  if (!existsSync(path.join(pgdata, 'PG_VERSION')))
    throw new Refusal(`no embedded database in ${pgdata}`);
  const target = path.resolve(file ?? `tideway-backup-${timestamp()}.tar.gz`);
  if (existsSync(target)) throw new Refusal(`${target} already exists: name another file`);
  const release = await acquireLock(dataDir, 'npm run db:backup');
  try {
    const db = await PGlite.create(pgdata);
    let tarball;
    try {
      // Flushed first, so that the copy opens without replaying the write-ahead log.
      await db.exec('CHECKPOINT');
      tarball = await db.dumpDataDir('gzip');
    } finally {
      await db.close();
    }
    await writeFile(target, Buffer.from(await tarball.arrayBuffer()), { flag: 'wx' });
    console.log(`Backed up ${pgdata} to ${target} (${(tarball.size / 1e6).toFixed(1)} MB)`);
  } finally {
    await release();
  }
}

async function restore(dataDir, file) {
  if (!file) throw new Refusal('name the backup: npm run db:restore -- FILE [--force]');
  const source = path.resolve(file);
  const tarball = await readFile(source).catch(() => {
    throw new Refusal(`cannot read ${source}`);
  });
  const pgdata = path.join(dataDir, 'pgdata');
  const release = await acquireLock(dataDir, 'npm run db:restore');
  try {
    let aside;
    if (!(await isEmptyDir(pgdata))) {
      if (!force) {
        throw new Refusal(
          `${pgdata} is not empty: add --force to set it aside and restore (npm run db:restore -- FILE --force)`,
        );
      }
      aside = `${pgdata}.before-restore-${timestamp()}`;
      await rename(pgdata, aside);
    }
    await rm(pgdata, { recursive: true, force: true });
    try {
      const db = await PGlite.create({ dataDir: pgdata, loadDataDir: new Blob([tarball]) });
      try {
        // A Tideway database has run its migrations; a tarball of anything else stops here.
        await db.query('SELECT count(*) FROM migrations');
      } finally {
        await db.close();
      }
    } catch (error) {
      await rm(pgdata, { recursive: true, force: true });
      if (aside) await rename(aside, pgdata);
      throw new Refusal(`could not restore ${source} (${error.message}); ${pgdata} is as it was`);
    }
    console.log(
      `Restored ${source} into ${pgdata}${aside ? `; the previous database is in ${aside}` : ''}`,
    );
  } finally {
    await release();
  }
}

/** Takes DATA_DIR/tideway.lock, or refuses naming the live process that holds it; answers the release. */
async function acquireLock(dataDir, holder) {
  const lock = path.join(dataDir, LOCK_FILE);
  await mkdir(dataDir, { recursive: true });
  const draft = `${lock}.${process.pid}`;
  await writeFile(
    draft,
    JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }) + '\n',
  );
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(draft, lock);
        return () => unlink(lock).catch(() => undefined);
      } catch (error) {
        if (error.code !== 'EEXIST') throw error;
      }
      const other = await readFile(lock, 'utf8')
        .then((text) => JSON.parse(text))
        .catch(() => undefined);
      if (attempt > 0 || (typeof other?.pid === 'number' && isLive(other.pid))) {
        const who = other
          ? `${other.holder} (pid ${other.pid}, since ${other.since})`
          : 'another process';
        throw new Refusal(
          `${dataDir} is in use by ${who}: stop it first, or delete ${lock} if no such process is running`,
        );
      }
      // Left by a process that is gone: stale.
      await unlink(lock).catch(() => undefined);
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

function isLive(pid) {
  // This process holds no lock yet: its own pid in the file was left by an earlier life (a restarted container).
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

async function isEmptyDir(dir) {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if (error.code === 'ENOENT') return true;
    throw error;
  }
}

function timestamp() {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

main().catch((error) => {
  console.error(
    `db:${command ?? '?'}: ${error instanceof Refusal ? error.message : (error.stack ?? error)}`,
  );
  process.exit(1);
});
