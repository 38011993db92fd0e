import { hasScope } from '../../auth/scopes';
import { useSession } from '../../auth/session-context';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { ChangePasswordForm } from './change-password-form';
import { ROLE_LABELS } from './role-labels';
import { SectionHeader } from './section-header';

export function AccountSection() {
  useDocumentTitle('Account');
  const session = useSession();
  return (
    <section className="stack">
      <SectionHeader title="Account" />
      <div className="card">
        <dl className="definition-grid">
          <dt>Email</dt>
          <dd>{session.user.email}</dd>
          <dt>Workspace</dt>
          <dd>{session.workspace.name}</dd>
          <dt>Role</dt>
          <dd>{ROLE_LABELS[session.role] ?? session.role}</dd>
        </dl>
      </div>
      <ChangePasswordForm email={session.user.email} />
      {hasScope(session.scopes, 'admin') && (
        <div className="card stack">
          <h3 className="card__title">Operations</h3>
          <p>
            {/* Served by the API, not a screen of this app: a plain link. */}
            <a href="/admin/queues" target="_blank" rel="noreferrer">
              Queue dashboard
            </a>{' '}
            shows the engine's queues, shared by every workspace of this installation (owners and
            admins only). Prometheus metrics are at <code>/metrics</code>.
          </p>
        </div>
      )}
    </section>
  );
}
