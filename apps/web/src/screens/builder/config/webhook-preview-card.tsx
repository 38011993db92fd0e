import type { SendWebhookConfig } from '@tideway/graph';
import { useEffect, useState } from 'react';
import type { Contact } from '../../../api/contacts';
import { previewTemplate } from '../../../api/templates';
import { Spinner } from '../../../components/request-states';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { ContactPicker } from '../contact-picker';
import { RequestView } from '../request-view';
import { previewWebhookRequest, type WebhookPreview } from './webhook-preview';

const SAMPLE_CONTACT = { email: 'ada.lovelace@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: '+44 20 7946 0000' };

/** The exact request for a chosen contact, rendered by the server as the config changes. */
export function WebhookPreviewCard({ config, campaign }: { config: SendWebhookConfig; campaign: { id: string; name: string } }) {
  const [useExisting, setUseExisting] = useState(false);
  const [contact, setContact] = useState<Contact | null>(null);
  const [preview, setPreview] = useState<WebhookPreview | null>(null);
  const [pending, setPending] = useState(false);
  const settled = useDebouncedValue(config, 350);
  const who = useExisting && contact ? { contactId: contact.id } : { contact: SAMPLE_CONTACT };
  const whoKey = JSON.stringify(who);

  useEffect(() => {
    const controller = new AbortController();
    const target = JSON.parse(whoKey) as typeof who;
    setPending(true);
    void previewWebhookRequest(settled, async (template, contentType) => {
      const answer = await previewTemplate({ template, contentType, campaignName: campaign.name, ...target }, controller.signal);
      return answer.body;
    }).then((result) => {
      if (controller.signal.aborted) return;
      setPreview(result);
      setPending(false);
    });
    return () => controller.abort();
    // `who` is read through its key so a new object each render does not re-run the preview.
  }, [settled, whoKey, campaign.name]);

  return (
    <section className="panel-section preview-card" aria-label="Request preview" data-testid="webhook-preview">
      <div className="preview-card__head">
        <h3 className="panel-section__title">Preview {pending && <Spinner />}</h3>
        <select
          className="input select input--inline"
          aria-label="Preview for"
          value={useExisting ? 'existing' : 'sample'}
          onChange={(event) => setUseExisting(event.target.value === 'existing')}
        >
          <option value="sample">Sample contact (Ada)</option>
          <option value="existing">A contact…</option>
        </select>
      </div>
      {useExisting && <ContactPicker selected={contact} onSelect={setContact} label="Preview for contact" />}
      {preview === null ? null : preview.ok ? <RequestView request={preview.request} /> : <p className="field__error">{preview.message}</p>}
    </section>
  );
}
