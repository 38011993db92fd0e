import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type Contact, contactDisplayName, deleteContact, fetchContact } from '../../api/contacts';
import { listFields } from '../../api/fields';
import { hasScope } from '../../auth/scopes';
import { useSession } from '../../auth/session-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/request-states';
import { formatDateTime } from '../../format/dates';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
// The timeline's styles live with the delivery log's.
import '../../styles/deliveries.css';
import { ContactEditForm } from './contact-edit-form';
import { formFieldsFor } from './contact-form-values';
import { ContactReadOnly } from './contact-read-only';
import { ContactTagsCard } from './contact-tags-card';
import { ContactTimeline } from './contact-timeline';

export function ContactDetailScreen() {
  const { contactId = '' } = useParams();
  const session = useSession();
  const canWrite = hasScope(session.scopes, 'contacts:write');
  // The timeline reads campaigns too (enrollments, steps, deliveries).
  const canReadCampaigns = hasScope(session.scopes, 'campaigns:read');
  const navigate = useNavigate();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const request = useRequest(
    async (signal) => {
      const [contact, fields] = await Promise.all([fetchContact(contactId, signal), listFields(signal)]);
      return { contact, fields };
    },
    contactId,
  );
  const contact = request.state.status === 'ready' ? request.state.data.contact : null;
  useDocumentTitle(contact ? contact.email : 'Contact');

  const replaceContact = (updated: Contact) => request.setData((current) => ({ ...current, contact: updated }));

  const backLink = (
    <Link to="/contacts" className="back-link">
      ← Contacts
    </Link>
  );

  if (request.state.status === 'loading') {
    return (
      <div className="page">
        <PageHeader eyebrow={backLink} title="Contact" />
        <LoadingState label="Loading contact…" />
      </div>
    );
  }

  if (request.state.status === 'error') {
    const { error } = request.state;
    return (
      <div className="page">
        <PageHeader eyebrow={backLink} title="Contact" />
        {error.isNotFound ? (
          <div className="card">
            <EmptyState title="Contact not found">
              <p>It may have been deleted, or it belongs to another workspace.</p>
            </EmptyState>
          </div>
        ) : (
          <ErrorState error={error} onRetry={() => request.reload()} title="Could not load this contact" />
        )}
      </div>
    );
  }

  const { contact: current, fields: definitions } = request.state.data;
  const fields = formFieldsFor(current, definitions);
  const name = contactDisplayName(current);

  return (
    <div className="page">
      <PageHeader
        eyebrow={backLink}
        title={name || current.email}
        description={
          <>
            {name && <span>{current.email} · </span>}
            Added {formatDateTime(current.createdAt)} · Updated {formatDateTime(current.updatedAt)}
          </>
        }
        actions={
          canWrite && (
            <button type="button" className="button button--danger-outline" onClick={() => setConfirmingDelete(true)}>
              Delete contact
            </button>
          )
        }
      />

      <div className="detail-layout">
        <div className="detail-layout__main stack">
          {canWrite ? (
            <ContactEditForm key={current.id} contact={current} fields={fields} onSaved={replaceContact} />
          ) : (
            <ContactReadOnly contact={current} fields={fields} />
          )}
          {canReadCampaigns && <ContactTimeline contactId={current.id} />}
        </div>
        <aside className="detail-layout__side stack">
          <ContactTagsCard contact={current} canEdit={canWrite} onChanged={replaceContact} />
        </aside>
      </div>

      {confirmingDelete && (
        <ConfirmDialog
          title="Delete this contact?"
          confirmLabel="Delete contact"
          onConfirm={() => deleteContact(current.id)}
          onDone={() => navigate('/contacts', { replace: true })}
          onCancel={() => setConfirmingDelete(false)}
        >
          <p>
            <strong>{current.email}</strong> will be removed from every campaign and deleted with their field values and
            tags. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
