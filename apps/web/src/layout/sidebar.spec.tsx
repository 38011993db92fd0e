import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import type { Session } from '../api/auth';
import { SessionContext } from '../auth/session-context';
import { Sidebar } from './sidebar';

function aSession(workspaces: Session['workspaces']): Session {
  return {
    user: { id: 'u1', email: 'owner@example.com' },
    workspace: { id: 'w1', name: 'Acme' },
    role: 'owner',
    scopes: ['admin'],
    workspaces,
    csrfToken: 't',
  };
}

const render = (session: Session, path = '/contacts') =>
  renderToStaticMarkup(
    <MemoryRouter initialEntries={[path]}>
      <SessionContext.Provider value={{ state: { status: 'signedIn', session }, refresh: () => Promise.resolve(), signOut: () => Promise.resolve() }}>
        <Sidebar />
      </SessionContext.Provider>
    </MemoryRouter>,
  );

describe('Sidebar', () => {
  it('names the product and links each area with its test id, marking the current one', () => {
    const html = render(aSession([{ id: 'w1', name: 'Acme', role: 'owner' }]));
    expect(html).toContain('Tideway');
    for (const id of ['nav-campaigns', 'nav-contacts', 'nav-deliveries', 'nav-settings', 'logout']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toMatch(/aria-current="page"[^>]*data-testid="nav-contacts"|data-testid="nav-contacts"[^>]*aria-current="page"/);
  });

  it('offers a workspace switcher only to people in more than one workspace', () => {
    expect(render(aSession([{ id: 'w1', name: 'Acme', role: 'owner' }]))).not.toContain('<select');
    const html = render(
      aSession([
        { id: 'w1', name: 'Acme', role: 'owner' },
        { id: 'w2', name: 'Globex', role: 'viewer' },
      ]),
    );
    expect(html).toContain('<select');
    expect(html).toContain('Globex');
  });
});
