import { type FormEvent, useState } from 'react';
import { type Contact, createContact, type NewContact } from '../../api/contacts';
import { fieldErrorsFrom } from '../../api/field-errors';
import { Dialog } from '../../components/dialog';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { parseTagList } from './tag-input';

const FORM_PATHS = ['email', 'firstName', 'lastName', 'phone', 'tags'];

export function NewContactDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (contact: Contact) => void }) {
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [phone, setPhone] = useState('');
  const [tags, setTags] = useState('');
  const [emailMissing, setEmailMissing] = useState(false);

  const create = useAction((contact: NewContact) => createContact(contact));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) {
      setEmailMissing(true);
      return;
    }
    setEmailMissing(false);
    const contact: NewContact = { email: email.trim() };
    if (firstName.trim()) contact.firstName = firstName.trim();
    if (lastName.trim()) contact.lastName = lastName.trim();
    if (phone.trim()) contact.phone = phone.trim();
    const tagList = parseTagList(tags);
    if (tagList.length > 0) contact.tags = tagList;
    const created = await create.run(contact);
    if (created) onCreated(created);
  };

  const errors = fieldErrorsFrom(create.error);
  if (emailMissing) errors['email'] = 'Enter an email address.';

  return (
    <Dialog
      title="New contact"
      onClose={onClose}
      busy={create.pending}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={create.pending}>
            Cancel
          </button>
          <button type="submit" form="new-contact-form" className="button button--primary" disabled={create.pending}>
            {create.pending ? 'Adding…' : 'Add contact'}
          </button>
        </>
      }
    >
      <form id="new-contact-form" className="stack" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField label="Email" type="email" value={email} onChange={setEmail} error={errors['email']} required data-autofocus />
        <div className="form-row">
          <TextField label="First name" value={firstName} onChange={setFirstName} error={errors['firstName']} />
          <TextField label="Last name" value={lastName} onChange={setLastName} error={errors['lastName']} />
        </div>
        <TextField label="Phone" type="tel" value={phone} onChange={setPhone} error={errors['phone']} />
        <TextField
          label="Tags"
          value={tags}
          onChange={setTags}
          error={errors['tags']}
          hint="Separate tags with commas."
          placeholder="customer, newsletter"
        />
        <FormError error={create.error} knownPaths={FORM_PATHS} />
      </form>
    </Dialog>
  );
}
