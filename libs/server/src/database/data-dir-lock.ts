import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * PGlite takes no lock on its data directory (the postmaster.pid it writes
 * holds -42, not a process id): a second process opening the same directory
 * succeeds, and two writers corrupt it (electric-sql/pglite#1106). So whoever
 * opens DATA_DIR — the app, `npm run db:backup`, `npm run db:restore` — first
 * creates DATA_DIR/tideway.lock holding its process id, and refuses while the
 * file names a live process. scripts/embedded-backup.mjs speaks the same
 * protocol; keep the two in step.
 *
 * A file naming a dead process is stale (kill -9, power loss) and taken over.
 * So is one naming this very process when this process holds no lock on the
 * directory: a restarted container often gets the same pid as its previous
 * life.
 */
export const DATA_DIR_LOCK_FILE = 'tideway.lock';

type LockContent = { pid: number; holder: string; since: string };

/** Directories this process holds, so that it never takes over its own live lock. */
const heldHere = new Set<string>();

export class DataDirLockedError extends Error {}

export class DataDirLock {
  private constructor(private readonly file: string) {}

  /** Takes DATA_DIR's lock for `holder` (a word for the message another opener sees), or throws DataDirLockedError. */
  static async acquire(dataDir: string, holder: string): Promise<DataDirLock> {
    const file = path.resolve(dataDir, DATA_DIR_LOCK_FILE);
    await mkdir(path.dirname(file), { recursive: true });
    const content: LockContent = { pid: process.pid, holder, since: new Date().toISOString() };
    // Written aside, then linked into place: the lock file appears whole or not at all.
    const draft = `${file}.${process.pid}`;
    await writeFile(draft, JSON.stringify(content) + '\n');
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await link(draft, file);
          heldHere.add(file);
          return new DataDirLock(file);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const other = await readLock(file);
        if (attempt > 0 || (other && isLive(other.pid, file))) {
          const who = other
            ? `${other.holder} (pid ${other.pid}, since ${other.since})`
            : 'another process';
          throw new DataDirLockedError(
            `${path.dirname(file)} is in use by ${who}: stop it first, or delete ${file} if no such process is running`,
          );
        }
        await unlink(file).catch(() => undefined);
      }
    } finally {
      await unlink(draft).catch(() => undefined);
    }
  }

  async release(): Promise<void> {
    heldHere.delete(this.file);
    await unlink(this.file).catch(() => undefined);
  }
}

async function readLock(file: string): Promise<LockContent | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, holder: String(parsed.holder), since: String(parsed.since) }
      : undefined;
  } catch {
    // Not ours to read (no pid in it): treated as stale, like a dead process's.
    return undefined;
  }
}

function isLive(pid: number, file: string): boolean {
  if (pid === process.pid) return heldHere.has(file);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
