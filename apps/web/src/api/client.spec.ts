import { ApiError } from './api-error';
import { apiRequest, onUnauthorized } from './client';
import { rememberCsrfToken } from './csrf-token';

type FetchArgs = [input: string, init: RequestInit];

function answer(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, { status, headers: { 'content-type': 'application/json', ...headers } });
}

describe('apiRequest', () => {
  const realFetch = globalThis.fetch;
  let fetchMock: jest.Mock<Promise<Response>, FetchArgs>;

  beforeEach(() => {
    fetchMock = jest.fn<Promise<Response>, FetchArgs>();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    rememberCsrfToken('csrf-from-login');
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
    rememberCsrfToken(null);
    delete (globalThis as { document?: unknown }).document;
  });

  const sentHeaders = (call = 0) => fetchMock.mock.calls[call]![1].headers as Record<string, string>;

  it('sends GETs with the query string, same-origin credentials and no CSRF header', async () => {
    fetchMock.mockResolvedValue(answer(200, { data: [], nextCursor: null, total: 0 }));
    const page = await apiRequest('GET', '/api/v1/contacts', { query: { search: 'ada', tag: '', limit: 50 } });
    expect(page).toEqual({ data: [], nextCursor: null, total: 0 });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/contacts?search=ada&limit=50');
    expect(init.credentials).toBe('same-origin');
    expect(sentHeaders()['x-csrf-token']).toBeUndefined();
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('sends the CSRF token on %s', async (method) => {
    fetchMock.mockResolvedValue(answer(204));
    await apiRequest(method, '/api/v1/contacts/1');
    expect(sentHeaders()['x-csrf-token']).toBe('csrf-from-login');
  });

  it('prefers the tideway_csrf cookie over the remembered token', async () => {
    (globalThis as { document?: unknown }).document = { cookie: 'a=1; tideway_csrf=from-cookie' };
    fetchMock.mockResolvedValue(answer(204));
    await apiRequest('POST', '/api/v1/auth/logout');
    expect(sentHeaders()['x-csrf-token']).toBe('from-cookie');
  });

  it('sends JSON bodies as JSON and CSV text as text/csv', async () => {
    fetchMock.mockResolvedValue(answer(201, { id: 'c1' }));
    await apiRequest('POST', '/api/v1/contacts', { json: { email: 'ada@example.com' } });
    expect(sentHeaders(0)['content-type']).toBe('application/json');
    expect(fetchMock.mock.calls[0]![1].body).toBe('{"email":"ada@example.com"}');

    fetchMock.mockResolvedValue(answer(200, { created: 1, updated: 0, failed: [] }));
    await apiRequest('POST', '/api/v1/contacts/import', { text: 'email\nada@example.com', contentType: 'text/csv' });
    expect(sentHeaders(1)['content-type']).toBe('text/csv');
    expect(fetchMock.mock.calls[1]![1].body).toBe('email\nada@example.com');
  });

  it('resolves a 204 with undefined', async () => {
    fetchMock.mockResolvedValue(answer(204));
    await expect(apiRequest('DELETE', '/api/v1/api-keys/k1')).resolves.toBeUndefined();
  });

  it('rejects with the server message and field details', async () => {
    fetchMock.mockResolvedValue(
      answer(422, { statusCode: 422, error: 'Unprocessable Entity', message: 'Invalid contact', details: [{ path: 'email', message: 'Required' }] }),
    );
    const failure = apiRequest('POST', '/api/v1/contacts', { json: {} });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 422, message: 'Invalid contact', details: [{ path: 'email', message: 'Required' }] });
  });

  it('reads Retry-After on a 429', async () => {
    fetchMock.mockResolvedValue(answer(429, { statusCode: 429, error: 'Too Many Requests', message: 'Slow down' }, { 'retry-after': '17' }));
    await expect(apiRequest('POST', '/api/v1/auth/login', { json: {} })).rejects.toMatchObject({ status: 429, retryAfterSeconds: 17 });
  });

  it('tells the session listeners about a 401', async () => {
    const listener = jest.fn();
    const stop = onUnauthorized(listener);
    fetchMock.mockImplementation(async () => answer(401, { statusCode: 401, error: 'Unauthorized', message: 'Sign in' }));
    await expect(apiRequest('GET', '/api/v1/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    await expect(apiRequest('GET', '/api/v1/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('turns a failed connection into a network error with status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('fetch failed'));
    await expect(apiRequest('GET', '/api/v1/contacts')).rejects.toMatchObject({
      status: 0,
      message: expect.stringContaining('Could not reach'),
    });
  });

  it('lets an abort through untouched so screens can ignore it', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    fetchMock.mockRejectedValue(abort);
    await expect(apiRequest('GET', '/api/v1/contacts')).rejects.toBe(abort);
  });
});
