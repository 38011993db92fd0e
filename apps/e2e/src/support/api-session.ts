/** An API client for tests of the built apps: signs in as the owner, then uses an admin API key. */
export class ApiSession {
  private constructor(
    readonly baseUrl: string,
    private readonly key: string,
  ) {}

  static async asOwner(baseUrl: string, owner: { email: string; password: string }): Promise<ApiSession> {
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
      body: JSON.stringify({ name: 'e2e', scopes: ['contacts:read', 'contacts:write', 'campaigns:read', 'campaigns:write'] }),
    });
    if (created.status !== 201) throw new Error(`api key: ${created.status} ${await created.text()}`);
    return new ApiSession(baseUrl, (await created.json()).key);
  }

  async request<T = any>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: T }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${this.key}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
  }
}
