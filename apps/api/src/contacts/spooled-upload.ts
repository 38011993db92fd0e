import { createReadStream, createWriteStream } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * An upload written to a temporary file before its work starts, so a job
 * that runs after the response reads a whole file rather than a request that
 * is over. The body comes through the route's byte limit (ByteLimit), so the
 * file is never larger than IMPORT_BODY_LIMIT; it is removed when the work is
 * done, or when the upload fails.
 */
export class SpooledUpload {
  private constructor(
    private readonly dir: string,
    readonly file: string,
    readonly bytes: number,
  ) {}

  static async from(body: Readable): Promise<SpooledUpload> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tideway-upload-'));
    const file = path.join(dir, 'upload');
    try {
      await pipeline(body, createWriteStream(file, { mode: 0o600 }));
      return new SpooledUpload(dir, file, (await stat(file)).size);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  read(): ReadStream {
    return createReadStream(this.file);
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
