import { Link } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { useDocumentTitle } from '../hooks/use-document-title';

export function NotFoundScreen() {
  useDocumentTitle('Not found');
  return (
    <div className="page">
      <div className="card">
        <EmptyState
          title="This page does not exist"
          action={
            <Link className="button" to="/campaigns">
              Go to campaigns
            </Link>
          }
        >
          <p>The address may be mistyped, or the item was deleted.</p>
        </EmptyState>
      </div>
    </div>
  );
}
