import { useState } from 'react';
import { enrollContacts } from '../../api/campaigns';
import type { Contact } from '../../api/contacts';
import { Dialog } from '../../components/dialog';
import { FormError } from '../../components/form-error';
import { pluralise } from '../../format/numbers';
import { useAction } from '../../hooks/use-action';
import { ContactPicker } from './contact-picker';

/** Enrolls contacts into a live campaign with a manual trigger: one contact, or everyone with a tag. */
export function EnrollDialog({ campaignId, onDone, onCancel }: { campaignId: string; onDone: (message: string) => void; onCancel: () => void }) {
  const [by, setBy] = useState<'contact' | 'tag'>('contact');
  const [contact, setContact] = useState<Contact | null>(null);
  const [tag, setTag] = useState('');
  const enroll = useAction(() => enrollContacts(campaignId, by === 'contact' ? { contactIds: contact ? [contact.id] : [] } : { filter: { tag: tag.trim() } }));
  const submit = async () => {
    const result = await enroll.run();
    if (result) onDone(`Enrolled ${pluralise(result.enrolled, 'contact')}${result.skipped ? `, skipped ${result.skipped}` : ''}.`);
  };
  return (
    <Dialog
      title="Enroll contacts"
      onClose={onCancel}
      busy={enroll.pending}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} disabled={enroll.pending}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void submit()}
            disabled={enroll.pending || (by === 'contact' ? !contact : !tag.trim())}
            data-testid="confirm-enroll"
          >
            {enroll.pending ? 'Enrolling…' : 'Enroll'}
          </button>
        </>
      }
    >
      <div className="stack">
        <div className="segmented" role="radiogroup" aria-label="Enroll">
          <label className={by === 'contact' ? 'segmented__option segmented__option--active' : 'segmented__option'}>
            <input type="radio" name="enroll-by" className="visually-hidden" checked={by === 'contact'} onChange={() => setBy('contact')} />
            One contact
          </label>
          <label className={by === 'tag' ? 'segmented__option segmented__option--active' : 'segmented__option'}>
            <input type="radio" name="enroll-by" className="visually-hidden" checked={by === 'tag'} onChange={() => setBy('tag')} />
            Everyone with a tag
          </label>
        </div>
        {by === 'contact' ? (
          <ContactPicker selected={contact} onSelect={setContact} />
        ) : (
          <div className="field">
            <label className="field__label" htmlFor="enroll-tag">
              Tag
            </label>
            <input id="enroll-tag" className="input" value={tag} onChange={(event) => setTag(event.target.value)} placeholder="newsletter" />
          </div>
        )}
        <FormError error={enroll.error} />
      </div>
    </Dialog>
  );
}
