import { z } from 'zod';

const LARGEST_BIGINT = 2n ** 63n - 1n;

/**
 * The cursor of a page ordered by a `bigserial` column: the last row's
 * number, as a decimal string. Anything else, including a number no bigint
 * can hold, is a 400 naming the field, not a database error.
 */
export const seqCursor = z
  .string()
  .refine(
    (cursor) => /^\d{1,19}$/.test(cursor) && BigInt(cursor) <= LARGEST_BIGINT,
    'Not a cursor from a previous page',
  );
