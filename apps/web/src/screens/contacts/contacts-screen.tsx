import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Contact } from '../../api/contacts';
import { hasScope } from '../../auth/scopes';
import { useSession } from '../../auth/session-context';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/request-states';
import { formatCount, pluralise } from '../../format/numbers';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { ContactsFilters } from './contacts-filters';
import { ContactsTable } from './contacts-table';
import { ImportCsvDialog } from './import-csv-dialog';
import { NewContactDialog } from './new-contact-dialog';
import { useContactList } from './use-contact-list';

const FILTER_DEBOUNCE_MS = 300;

type OpenDialog = 'new' | 'import' | null;

export function ContactsScreen() {
  useDocumentTitle('Contacts');
  const session = useSession();
  const canWrite = hasScope(session.scopes, 'contacts:write');
  const [params, setParams] = useSearchParams();
  // The filter lives in the URL so a reload or a shared link shows the same list.
  const [search, setSearch] = useState(params.get('search') ?? '');
  const [tag, setTag] = useState(params.get('tag') ?? '');
  const debouncedSearch = useDebouncedValue(search.trim(), FILTER_DEBOUNCE_MS);
  const debouncedTag = useDebouncedValue(tag.trim(), FILTER_DEBOUNCE_MS);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [created, setCreated] = useState<Contact | null>(null);

  useEffect(() => {
    const next = new URLSearchParams(params);
    for (const [key, value] of [
      ['search', debouncedSearch],
      ['tag', debouncedTag],
    ] as const) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    // Navigating only on a real change keeps this effect from feeding itself.
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [debouncedSearch, debouncedTag, params, setParams]);

  const list = useContactList({ search: debouncedSearch, tag: debouncedTag });
  const filtered = Boolean(debouncedSearch || debouncedTag);

  return (
    <div className="page">
      <PageHeader
        title="Contacts"
        description={
          list.state.status === 'ready'
            ? filtered
              ? `${pluralise(list.state.data.total, 'contact')} match`
              : pluralise(list.state.data.total, 'contact')
            : 'People who can enter your campaigns.'
        }
        actions={
          canWrite && (
            <>
              <button type="button" className="button" onClick={() => setDialog('import')}>
                Import CSV
              </button>
              <button type="button" className="button button--primary" onClick={() => setDialog('new')} data-testid="new-contact">
                New contact
              </button>
            </>
          )
        }
      />

      {created && (
        <div className="notice notice--success" role="status">
          <span>
            Added <Link to={`/contacts/${encodeURIComponent(created.id)}`}>{created.email}</Link>.
          </span>
          <button type="button" className="icon-button" onClick={() => setCreated(null)} aria-label="Dismiss">
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}

      <ContactsFilters search={search} tag={tag} onSearchChange={setSearch} onTagChange={setTag} />

      {list.state.status === 'loading' && <LoadingState label="Loading contacts…" />}
      {list.state.status === 'error' && (
        <ErrorState error={list.state.error} onRetry={() => list.reload()} title="Could not load contacts" />
      )}
      {list.state.status === 'ready' && (
        <>
          <ContactsTable
            contacts={list.state.data.contacts}
            empty={
              filtered ? (
                <EmptyState title="No contacts match">
                  <p>Try another search or tag.</p>
                </EmptyState>
              ) : (
                <EmptyState title="No contacts yet">
                  <p>Add people one by one, import a CSV file, or post them to an inbound webhook.</p>
                </EmptyState>
              )
            }
          />
          {list.state.data.contacts.length > 0 && (
            <div className="list-footer">
              <span className="muted">
                Showing {formatCount(list.state.data.contacts.length)} of {formatCount(list.state.data.total)}
              </span>
              {list.state.data.hasMore && (
                <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
                  {list.loadingMore ? 'Loading…' : 'Load more'}
                </button>
              )}
            </div>
          )}
          {list.loadMoreError && (
            <ErrorState error={list.loadMoreError} onRetry={list.loadMore} title="Could not load more contacts" />
          )}
        </>
      )}

      {dialog === 'new' && (
        <NewContactDialog
          onClose={() => setDialog(null)}
          onCreated={(contact) => {
            setDialog(null);
            setCreated(contact);
            list.reload({ quietly: true });
          }}
        />
      )}
      {dialog === 'import' && (
        <ImportCsvDialog onClose={() => setDialog(null)} onImported={() => list.reload({ quietly: true })} />
      )}
    </div>
  );
}
