import { type FormEvent, useState } from 'react';
import { type Contact, type ContactChanges, fetchContact, updateContact } from '../../api/contacts';
import { fieldErrorsFrom } from '../../api/field-errors';
import type { CustomField } from '../../api/fields';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { contactChanges, type ContactFormValues, toFormValues } from './contact-form-values';
import { CustomFieldInput } from './custom-field-input';

const BUILT_IN_PATHS = ['email', 'firstName', 'lastName', 'phone'];

export function ContactEditForm({
  contact,
  fields,
  onSaved,
}: {
  contact: Contact;
  fields: readonly CustomField[];
  onSaved: (contact: Contact) => void;
}) {
  const [values, setValues] = useState<ContactFormValues>(() => toFormValues(contact, fields));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const save = useAction(async (changes: ContactChanges) => {
    const saved: Contact | undefined = await updateContact(contact.id, changes);
    return saved ?? fetchContact(contact.id);
  });

  const { changes } = contactChanges(contact, fields, values);
  const dirty = Object.keys(changes).length > 0;

  const setBuiltIn = (key: keyof Omit<ContactFormValues, 'fields'>) => (value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setSavedAt(null);
  };
  const setCustom = (key: string, value: string | boolean) => {
    setValues((current) => ({ ...current, fields: { ...current.fields, [key]: value } }));
    setSavedAt(null);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = contactChanges(contact, fields, values);
    setLocalErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0 || Object.keys(checked.changes).length === 0) return;
    const saved = await save.run(checked.changes);
    if (saved) {
      setValues(toFormValues(saved, fields));
      setSavedAt(Date.now());
      onSaved(saved);
    }
  };

  const discard = () => {
    setValues(toFormValues(contact, fields));
    setLocalErrors({});
    save.reset();
  };

  const errors = { ...fieldErrorsFrom(save.error), ...localErrors };
  const knownPaths = [...BUILT_IN_PATHS, ...fields.map((field) => `fields.${field.key}`)];

  return (
    <form className="stack" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Edit contact">
      <section className="card">
        <h2 className="card__title">Details</h2>
        <div className="form-grid">
          <TextField label="Email" type="email" value={values.email} onChange={setBuiltIn('email')} error={errors['email']} required />
          <TextField label="Phone" type="tel" value={values.phone} onChange={setBuiltIn('phone')} error={errors['phone']} />
          <TextField label="First name" value={values.firstName} onChange={setBuiltIn('firstName')} error={errors['firstName']} />
          <TextField label="Last name" value={values.lastName} onChange={setBuiltIn('lastName')} error={errors['lastName']} />
        </div>
      </section>

      <section className="card">
        <h2 className="card__title">Custom fields</h2>
        {fields.length === 0 ? (
          <p className="muted">
            No custom fields yet. Add them under Settings → Custom fields; each one becomes a merge field for webhooks.
          </p>
        ) : (
          <div className="form-grid">
            {fields.map((field) => (
              <CustomFieldInput
                key={field.key}
                field={field}
                value={values.fields[field.key] ?? (field.type === 'boolean' ? false : '')}
                onChange={(value) => setCustom(field.key, value)}
                error={errors[`fields.${field.key}`]}
              />
            ))}
          </div>
        )}
      </section>

      <FormError error={save.error} knownPaths={knownPaths} />
      <div className="form-actions">
        {savedAt && !dirty && (
          <span className="form-actions__status" role="status">
            Saved
          </span>
        )}
        <button type="button" className="button" onClick={discard} disabled={!dirty || save.pending}>
          Discard changes
        </button>
        <button type="submit" className="button button--primary" disabled={!dirty || save.pending}>
          {save.pending ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
