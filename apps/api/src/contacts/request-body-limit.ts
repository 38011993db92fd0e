import { HttpStatus } from '@nestjs/common';
import { Transform, type TransformCallback } from 'node:stream';
import { ApiError } from '@tideway/server';

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** '50mb' -> 52428800: the notation of JSON_BODY_LIMIT and IMPORT_BODY_LIMIT (binary multiples, as body-parser reads it). */
export function parseByteSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!match) throw new Error(`Not a byte size: "${text}" (write e.g. 500kb or 50mb)`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
}

export function bodyTooLarge(limit: number): ApiError {
  // Connection: close, so the server need not read the rest of a body it refuses.
  return new ApiError(
    HttpStatus.PAYLOAD_TOO_LARGE,
    `The request body is larger than the limit of ${limit} bytes`,
    undefined,
    {
      Connection: 'close',
    },
  );
}

/** Passes bytes through until more than `limit` have gone by, then fails with 413. */
export class ByteLimit extends Transform {
  private seen = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(bodyTooLarge(this.limit));
    else done(null, chunk);
  }
}
