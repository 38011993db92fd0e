import { z } from 'zod';
import { ApiError } from './api-error';
import { MAX_VALUE_DEPTH, storableValueProblems, ZodValidationPipe } from './zod-validation';

/** Nested arrays `depth` deep around `inner`. */
function nested(depth: number, inner: unknown = 1): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('storableValueProblems', () => {
  it.each([
    ['a NUL in a value', { a: { b: ['ok', 'x\u0000y'] } }, 'a.b[1]', /NUL/],
    ['a NUL in a key', { fields: { 'k\u0000': 1 } }, 'fields.k\u0000', /NUL/],
    ['a lone high surrogate', { name: 'x\ud800' }, 'name', /lone UTF-16 surrogate/],
    ['a lone low surrogate', ['\udc00'], '[0]', /lone UTF-16 surrogate/],
    ['a NUL as the whole body', '\u0000', '(body)', /NUL/],
  ])('finds %s and names where it is', (_name, value, path, message) => {
    expect(storableValueProblems(value)).toEqual([
      { path, message: expect.stringMatching(message) },
    ]);
  });

  it('accepts emoji, other control characters and ordinary values', () => {
    expect(storableValueProblems({ a: '😀 \t\u0001 é', b: [1, null, true, { c: '' }] })).toEqual(
      [],
    );
  });

  it(`accepts values ${MAX_VALUE_DEPTH} levels deep and refuses one more, at the level too deep`, () => {
    expect(storableValueProblems(nested(MAX_VALUE_DEPTH))).toEqual([]);
    const [problem] = storableValueProblems({ a: nested(MAX_VALUE_DEPTH) });
    expect(problem.path).toBe(`a${'[0]'.repeat(MAX_VALUE_DEPTH - 1)}`);
    expect(problem.message).toMatch(/nest more than 64/);
  });

  it('walks 200,000 levels without a stack and quickly', () => {
    const started = Date.now();
    expect(storableValueProblems(nested(200_000))).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('checks only the depth with text: false', () => {
    expect(storableValueProblems({ a: 'x\u0000' }, { text: false })).toEqual([]);
  });
});

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe(z.object({ name: z.string() }).loose());

  it('answers 422 for unstorable text before the schema sees it', () => {
    let error: unknown;
    try {
      pipe.transform({ name: 'a\u0000b' }, { type: 'body' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getResponse()).toMatchObject({
      statusCode: 422,
      details: [{ path: 'name', message: expect.stringMatching(/NUL/) }],
    });
  });

  it('passes a sound value through the schema', () => {
    expect(pipe.transform({ name: 'Ada', extra: [1] }, { type: 'body' })).toEqual({
      name: 'Ada',
      extra: [1],
    });
  });
});
