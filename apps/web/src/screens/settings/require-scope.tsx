import type { ReactNode } from 'react';
import type { Scope } from '../../api/api-keys';
import { hasScope } from '../../auth/scopes';
import { useSession } from '../../auth/session-context';
import { EmptyState } from '../../components/empty-state';

export function RequireScope({ scope, children }: { scope: Scope; children: ReactNode }) {
  const session = useSession();
  if (hasScope(session.scopes, scope)) return <>{children}</>;
  return (
    <div className="card">
      <EmptyState title="Admins only">
        <p>Ask an owner or admin of this workspace for access.</p>
      </EmptyState>
    </div>
  );
}
