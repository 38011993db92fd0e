/**
 * An HTTP client of the built API: signs in as the owner the API created at
 * start (ADMIN_EMAIL / ADMIN_PASSWORD), then uses an API key, as
 * apps/e2e/src/support/api-session.ts does.
 */
export class ApiSession {
  constructor(baseUrl, key) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  static async asOwner(baseUrl, owner) {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(owner),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    const { csrfToken } = await login.json();
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const created = await fetch(`${baseUrl}/api/v1/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        name: 'bench',
        scopes: ['contacts:read', 'contacts:write', 'campaigns:read', 'campaigns:write'],
      }),
    });
    if (created.status !== 201)
      throw new Error(`api key: ${created.status} ${await created.text()}`);
    return new ApiSession(baseUrl, (await created.json()).key);
  }

  async request(method, path, body, contentType = 'application/json') {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${this.key}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text && res.headers.get('content-type')?.includes('json');
    return { status: res.status, body: json ? JSON.parse(text) : text };
  }

  /** The same, failing unless the status is `expected`. */
  async expect(expected, method, path, body, contentType) {
    const res = await this.request(method, path, body, contentType);
    if (res.status !== expected) {
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    }
    return res.body;
  }
}
