import { ApiError, parseErrorResponse, parseRetryAfter, toApiError } from './api-error';

describe('parseErrorResponse', () => {
  it('reads the documented error body with its field details', () => {
    const body = JSON.stringify({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'Validation failed',
      details: [
        { path: 'email', message: 'must be an email' },
        { path: 'fields.age', message: 'must be a number' },
      ],
    });
    const error = parseErrorResponse(422, 'Unprocessable Entity', body);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.error).toBe('Unprocessable Entity');
    expect(error.message).toBe('Validation failed');
    expect(error.details).toEqual([
      { path: 'email', message: 'must be an email' },
      { path: 'fields.age', message: 'must be a number' },
    ]);
  });

  it('drops details that are not {path, message}', () => {
    const body = JSON.stringify({ message: 'Bad', details: [{ path: 'email' }, 'oops', { path: 'x', message: 'y' }] });
    expect(parseErrorResponse(400, 'Bad Request', body).details).toEqual([{ path: 'x', message: 'y' }]);
  });

  it('joins an array message (class-validator style)', () => {
    const body = JSON.stringify({ message: ['email must be an email', 'password is too short'] });
    expect(parseErrorResponse(400, 'Bad Request', body).message).toBe('email must be an email. password is too short');
  });

  it.each([
    [502, 'Bad Gateway', '<html>proxy error</html>', 'The server had a problem handling this request. Try again in a moment.'],
    [404, 'Not Found', '', 'Not found.'],
    [403, 'Forbidden', '{}', 'You do not have permission to do this.'],
    [418, "I'm a teapot", '', "I'm a teapot (418)"],
  ])('gives a readable message for a %i with body %j', (status, statusText, body, message) => {
    const error = parseErrorResponse(status, statusText, body);
    expect(error.message).toBe(message);
    expect(error.details).toEqual([]);
  });

  it('keeps the Retry-After of a 429', () => {
    const body = JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'Too many attempts' });
    expect(parseErrorResponse(429, 'Too Many Requests', body, '42').retryAfterSeconds).toBe(42);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2025-03-01T12:00:00Z');

  it.each([
    [null, null],
    ['', null],
    ['30', 30],
    ['0', 0],
    ['Sat, 01 Mar 2025 12:00:15 GMT', 15],
    ['Sat, 01 Mar 2025 11:59:00 GMT', 0],
    ['soon', null],
  ])('reads %j as %j seconds', (header, seconds) => {
    expect(parseRetryAfter(header, now)).toBe(seconds);
  });
});

describe('toApiError', () => {
  it('passes an ApiError through and wraps anything else', () => {
    const original = new ApiError({ status: 409, error: 'Conflict', message: 'Taken' });
    expect(toApiError(original)).toBe(original);
    expect(toApiError(new Error('boom')).message).toBe('boom');
    expect(toApiError('nope').message).toBe('Something went wrong.');
  });
});
