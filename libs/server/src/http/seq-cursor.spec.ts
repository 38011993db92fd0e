import { seqCursor } from './seq-cursor';

describe('a page cursor over a bigserial column', () => {
  it.each(['1', '42', '9223372036854775807'])('takes %s', (cursor) => {
    expect(seqCursor.safeParse(cursor).success).toBe(true);
  });

  it.each(['', 'abc', '-1', '1.5', '9223372036854775808', '99999999999999999999', '０１'])(
    'refuses %j as not a cursor from a previous page',
    (cursor) => {
      const parsed = seqCursor.safeParse(cursor);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0].message).toBe('Not a cursor from a previous page');
    },
  );
});
