import { type FormEvent, useId, useState } from 'react';
import { addContactTag, type Contact, fetchContact, removeContactTag } from '../../api/contacts';
import { FormError } from '../../components/form-error';
import { TagChip } from '../../components/tag-chip';
import { useAction } from '../../hooks/use-action';

/** Tags can start and stop campaigns, so each change is saved at once rather than with the form. */
export function ContactTagsCard({
  contact,
  canEdit,
  onChanged,
}: {
  contact: Contact;
  canEdit: boolean;
  onChanged: (contact: Contact) => void;
}) {
  const inputId = useId();
  const [tag, setTag] = useState('');
  const change = useAction(async (kind: 'add' | 'remove', value: string) => {
    const answer = kind === 'add' ? await addContactTag(contact.id, value) : await removeContactTag(contact.id, value);
    return answer && Array.isArray(answer.tags) ? answer : fetchContact(contact.id);
  });

  const onAdd = async (event: FormEvent) => {
    event.preventDefault();
    const value = tag.trim();
    if (!value) return;
    if (contact.tags.includes(value)) {
      setTag('');
      return;
    }
    const updated = await change.run('add', value);
    if (updated) {
      setTag('');
      onChanged(updated);
    }
  };

  const onRemove = async (value: string) => {
    const updated = await change.run('remove', value);
    if (updated) onChanged(updated);
  };

  return (
    <section className="card" aria-labelledby={`${inputId}-title`}>
      <h2 className="card__title" id={`${inputId}-title`}>
        Tags
      </h2>
      {contact.tags.length === 0 ? (
        <p className="muted">No tags.</p>
      ) : (
        <ul className="chip-list chip-list--wrap" aria-label="Tags">
          {contact.tags.map((value) => (
            <li key={value}>
              <TagChip tag={value} onRemove={canEdit ? () => void onRemove(value) : undefined} disabled={change.pending} />
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form className="inline-form" onSubmit={(event) => void onAdd(event)}>
          <label htmlFor={inputId} className="visually-hidden">
            New tag
          </label>
          <input
            id={inputId}
            className="input"
            placeholder="Add a tag"
            value={tag}
            onChange={(event) => setTag(event.target.value)}
            disabled={change.pending}
          />
          <button type="submit" className="button" disabled={change.pending || !tag.trim()}>
            Add
          </button>
        </form>
      )}
      <FormError error={change.error} />
    </section>
  );
}
