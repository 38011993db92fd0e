import type { Role } from '@tideway/server';
import { hashPassword } from '@tideway/server';
import type { HttpClient, HttpResponse } from './http-client';
import type { TestApp } from './test-app';

export type Person = { userId: string; email: string; password: string };

export type TestSession = {
  /** Sends the session cookie and the matching x-csrf-token, as the web app does. */
  client: HttpClient;
  /** Sends only the cookie: what a cross-site form post would carry. */
  withoutCsrf: HttpClient;
  cookie: string;
  csrfToken: string;
  body: any;
};

let counter = 0;

/** A person with a real password and a membership in `workspaceId`, made in the database. */
export async function aPerson(
  app: TestApp,
  workspaceId: string,
  role: Role,
  password = 'correct horse battery',
): Promise<Person> {
  const email = `person${++counter}-${Date.now()}@example.test`;
  const [{ id: userId }] = await app.db.query(
    `INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id`,
    [email, await hashPassword(password)],
  );
  await app.db.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)`, [
    workspaceId,
    userId,
    role,
  ]);
  return { userId, email, password };
}

/** Set-Cookie headers by cookie name: value and the attribute text after it. */
export function cookiesOf(res: HttpResponse): Map<string, { value: string; attributes: string }> {
  const cookies = new Map<string, { value: string; attributes: string }>();
  for (const header of res.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at).trim(), {
      value: decodeURIComponent(pair.slice(at + 1)),
      attributes: attributes.join(';'),
    });
  }
  return cookies;
}

export function sessionFrom(app: TestApp, res: HttpResponse): TestSession {
  const token = cookiesOf(res).get('tideway_session')?.value;
  if (!token) throw new Error(`No session cookie in the answer (${res.status}): ${res.text}`);
  const cookie = `tideway_session=${token}`;
  const csrfToken: string = res.body.csrfToken;
  return {
    client: app.http.with({ cookie, 'x-csrf-token': csrfToken }),
    withoutCsrf: app.http.with({ cookie }),
    cookie,
    csrfToken,
    body: res.body,
  };
}

export async function signIn(app: TestApp, email: string, password: string): Promise<TestSession> {
  const res = await app.http.post('/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`Sign-in failed with ${res.status}: ${res.text}`);
  return sessionFrom(app, res);
}

/** A new person with `role` in the workspace, signed in. */
export async function aSession(
  app: TestApp,
  workspaceId: string,
  role: Role,
): Promise<TestSession & Person> {
  const person = await aPerson(app, workspaceId, role);
  return { ...person, ...(await signIn(app, person.email, person.password)) };
}
