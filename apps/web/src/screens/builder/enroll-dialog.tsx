import { useState } from 'react';
import { enrollContacts, type EnrollResult, startEnrollment } from '../../api/campaigns';
import type { Contact } from '../../api/contacts';
import { Dialog } from '../../components/dialog';
import { FormError } from '../../components/form-error';
import { JobProgress } from '../../components/job-progress';
import { pluralise } from '../../format/numbers';
import { useAction } from '../../hooks/use-action';
import { useJob } from '../../hooks/use-job';
import { ContactPicker } from './contact-picker';

const enrolledMessage = (result: EnrollResult) =>
  `Enrolled ${pluralise(result.enrolled, 'contact')}${result.skipped ? `, skipped ${result.skipped}` : ''}.`;

/**
 * Enrolls contacts into a live campaign with a manual trigger: one contact,
 * or everyone with a tag, as a job whose count grows while it runs (a tag
 * may hold a million contacts).
 */
export function EnrollDialog({
  campaignId,
  onDone,
  onCancel,
}: {
  campaignId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [by, setBy] = useState<'contact' | 'tag'>('contact');
  const [contact, setContact] = useState<Contact | null>(null);
  const [tag, setTag] = useState('');
  const enrollOne = useAction(() =>
    enrollContacts(campaignId, { contactIds: contact ? [contact.id] : [] }),
  );
  const enrollTagged = useJob<EnrollResult>();
  const pending = enrollOne.pending || enrollTagged.pending;
  // Once the server has the job, closing the dialog leaves it running.
  const startingUp = enrollOne.pending || (enrollTagged.pending && !enrollTagged.job);
  const stopped = !enrollTagged.pending && enrollTagged.error ? enrollTagged.job?.result : null;

  const submit = async () => {
    if (by === 'contact') {
      const result = await enrollOne.run();
      if (result) onDone(enrolledMessage(result));
      return;
    }
    const job = await enrollTagged.run(() =>
      startEnrollment(campaignId, { filter: { tag: tag.trim() } }),
    );
    if (job?.result) onDone(enrolledMessage(job.result));
  };
  return (
    <Dialog
      title="Enroll contacts"
      onClose={onCancel}
      busy={startingUp}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} disabled={startingUp}>
            {pending ? 'Close' : 'Cancel'}
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void submit()}
            disabled={pending || (by === 'contact' ? !contact : !tag.trim())}
            data-testid="confirm-enroll"
          >
            {pending ? 'Enrolling…' : 'Enroll'}
          </button>
        </>
      }
    >
      <div className="stack">
        <div className="segmented" role="radiogroup" aria-label="Enroll">
          <label
            className={
              by === 'contact' ? 'segmented__option segmented__option--active' : 'segmented__option'
            }
          >
            <input
              type="radio"
              name="enroll-by"
              className="visually-hidden"
              checked={by === 'contact'}
              onChange={() => setBy('contact')}
              disabled={pending}
            />
            One contact
          </label>
          <label
            className={
              by === 'tag' ? 'segmented__option segmented__option--active' : 'segmented__option'
            }
          >
            <input
              type="radio"
              name="enroll-by"
              className="visually-hidden"
              checked={by === 'tag'}
              onChange={() => setBy('tag')}
              disabled={pending}
            />
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
            <input
              id="enroll-tag"
              className="input"
              value={tag}
              onChange={(event) => setTag(event.target.value)}
              placeholder="newsletter"
              disabled={pending}
            />
          </div>
        )}
        {enrollTagged.pending && (
          <JobProgress
            job={enrollTagged.job}
            unit="contact"
            verb="enrolled"
            starting="Finding the contacts…"
          />
        )}
        <FormError error={enrollOne.error ?? enrollTagged.error} />
        {stopped && stopped.enrolled > 0 && (
          <p className="muted">
            {pluralise(stopped.enrolled, 'contact')} were enrolled before it stopped; they stay
            enrolled.
          </p>
        )}
      </div>
    </Dialog>
  );
}
