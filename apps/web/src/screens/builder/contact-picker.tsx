import { useId, useState } from 'react';
import { type Contact, contactDisplayName, listContacts } from '../../api/contacts';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { useRequest } from '../../hooks/use-request';

/** Search the workspace's contacts and pick one (for previews and test runs). */
export function ContactPicker({
  selected,
  onSelect,
  label = 'Contact',
}: {
  selected: Contact | null;
  onSelect: (contact: Contact | null) => void;
  label?: string;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 250);
  const contacts = useRequest((signal) => listContacts({ search: debounced, limit: 8 }, signal), `contacts:${debounced}`);

  if (selected) {
    return (
      <div className="picked-contact">
        <div>
          <div className="picked-contact__name">{contactDisplayName(selected) || selected.email}</div>
          <div className="muted">{selected.email}</div>
        </div>
        <button type="button" className="button button--small" onClick={() => onSelect(null)}>
          Change
        </button>
      </div>
    );
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input input--search"
        placeholder="Search by name or email"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        data-testid="contact-picker-search"
      />
      <ul className="contact-options" role="listbox" aria-label="Matching contacts">
        {contacts.state.status === 'loading' && <li className="muted contact-options__note">Searching…</li>}
        {contacts.state.status === 'error' && <li className="field__error contact-options__note">{contacts.state.error.message}</li>}
        {contacts.state.status === 'ready' && contacts.state.data.data.length === 0 && (
          <li className="muted contact-options__note">No contacts match.</li>
        )}
        {contacts.state.status === 'ready' &&
          contacts.state.data.data.map((contact) => (
            <li key={contact.id}>
              <button type="button" className="contact-option" role="option" aria-selected={false} onClick={() => onSelect(contact)} data-testid="contact-option">
                <span className="contact-option__name">{contactDisplayName(contact) || contact.email}</span>
                <span className="muted">{contact.email}</span>
              </button>
            </li>
          ))}
      </ul>
    </div>
  );
}
