import type { Contact, FieldValue } from '../../api/contacts';
import type { CustomField } from '../../api/fields';

function display(value: FieldValue | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** The contact's fields for people who may read but not edit. */
export function ContactReadOnly({ contact, fields }: { contact: Contact; fields: readonly CustomField[] }) {
  return (
    <>
      <section className="card">
        <h2 className="card__title">Details</h2>
        <dl className="definition-grid">
          <dt>Email</dt>
          <dd>{contact.email}</dd>
          <dt>Phone</dt>
          <dd>{display(contact.phone)}</dd>
          <dt>First name</dt>
          <dd>{display(contact.firstName)}</dd>
          <dt>Last name</dt>
          <dd>{display(contact.lastName)}</dd>
        </dl>
      </section>
      <section className="card">
        <h2 className="card__title">Custom fields</h2>
        {fields.length === 0 ? (
          <p className="muted">No custom fields.</p>
        ) : (
          <dl className="definition-grid">
            {fields.map((field) => (
              <div key={field.key} className="definition-grid__pair">
                <dt>{field.label}</dt>
                <dd>{display(contact.fields?.[field.key])}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
    </>
  );
}
