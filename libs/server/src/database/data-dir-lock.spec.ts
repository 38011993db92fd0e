import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DATA_DIR_LOCK_FILE, DataDirLock, DataDirLockedError } from './data-dir-lock';

describe('DataDirLock', () => {
  let dataDir: string;
  const lockFile = () => path.join(dataDir, DATA_DIR_LOCK_FILE);
  const leaveLock = (pid: number) =>
    writeFile(lockFile(), JSON.stringify({ pid, holder: 'Tideway', since: 'earlier' }));

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tideway-lock-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('refuses a second holder, naming the first, until the first releases', async () => {
    const first = await DataDirLock.acquire(dataDir, 'Tideway');
    expect(JSON.parse(await readFile(lockFile(), 'utf8'))).toMatchObject({
      pid: process.pid,
      holder: 'Tideway',
    });

    const second = DataDirLock.acquire(dataDir, 'db:backup');
    await expect(second).rejects.toThrow(DataDirLockedError);
    await expect(second).rejects.toThrow(`is in use by Tideway (pid ${process.pid}`);

    await first.release();
    expect(existsSync(lockFile())).toBe(false);
    await (await DataDirLock.acquire(dataDir, 'db:backup')).release();
  });

  it('refuses while another live process holds the directory', async () => {
    await leaveLock(process.ppid);
    await expect(DataDirLock.acquire(dataDir, 'Tideway')).rejects.toThrow(`pid ${process.ppid}`);
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await leaveLock(dead);
    const lock = await DataDirLock.acquire(dataDir, 'Tideway');
    expect(JSON.parse(await readFile(lockFile(), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it("takes over a lock naming this process's pid when this process holds none (a restarted container)", async () => {
    await leaveLock(process.pid);
    await (await DataDirLock.acquire(dataDir, 'Tideway')).release();
  });
});
