import { type CustomField, listFields } from '../../api/fields';
import { hasScope } from '../../auth/scopes';
import { useSession } from '../../auth/session-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorState, LoadingState } from '../../components/request-states';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
import { NewFieldForm } from './new-field-form';
import { SectionHeader } from './section-header';

const TYPE_LABELS: Record<CustomField['type'], string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes / no',
};

export function CustomFieldsSection() {
  useDocumentTitle('Custom fields');
  const session = useSession();
  const canCreate = hasScope(session.scopes, 'contacts:write');
  const fields = useRequest(listFields, 'fields');

  return (
    <section className="stack">
      <SectionHeader
        title="Custom fields"
        description={
          <>
            Extra values stored on every contact. A field’s label is its merge-field name in webhook templates, e.g.{' '}
            <code className="merge-field">[Favourite Colour]</code>.
          </>
        }
      />
      {fields.state.status === 'loading' && <LoadingState label="Loading custom fields…" />}
      {fields.state.status === 'error' && (
        <ErrorState error={fields.state.error} onRetry={() => fields.reload()} title="Could not load custom fields" />
      )}
      {fields.state.status === 'ready' &&
        (fields.state.data.length === 0 ? (
          <div className="card">
            <EmptyState title="No custom fields yet">
              <p>Built-in fields are email, first name, last name and phone.</p>
            </EmptyState>
          </div>
        ) : (
          <div className="card card--flush">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Key</th>
                  <th scope="col">Type</th>
                  <th scope="col">Merge field</th>
                </tr>
              </thead>
              <tbody>
                {fields.state.data.map((field) => (
                  <tr key={field.id}>
                    <td className="table__primary">{field.label}</td>
                    <td>
                      <code>{field.key}</code>
                    </td>
                    <td>{TYPE_LABELS[field.type] ?? field.type}</td>
                    <td>
                      <code className="merge-field">[{field.label}]</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {canCreate && (
        <NewFieldForm onCreated={() => fields.reload({ quietly: true })} />
      )}
    </section>
  );
}
