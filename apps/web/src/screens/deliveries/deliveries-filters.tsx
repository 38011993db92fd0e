import { useId } from 'react';
import type { CampaignSummary } from '../../api/campaigns';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../api/deliveries';
import { DELIVERY_STATUS_LABELS, shortId } from './delivery-labels';

export interface DeliveriesFiltersProps {
  status: DeliveryStatus | '';
  campaignId: string;
  contactId: string;
  hookId: string;
  /** Null while the campaign list loads or when it could not be loaded. */
  campaigns: readonly CampaignSummary[] | null;
  onChange: (changes: Partial<Record<'status' | 'campaignId' | 'contactId' | 'hookId', string>>) => void;
}

export function DeliveriesFilters({ status, campaignId, contactId, hookId, campaigns, onChange }: DeliveriesFiltersProps) {
  const statusId = useId();
  const campaignSelectId = useId();
  const knownCampaign = !campaignId || campaigns?.some((campaign) => campaign.id === campaignId);
  return (
    <div className="toolbar" role="search">
      <div className="toolbar__field">
        <label htmlFor={statusId} className="visually-hidden">
          Status
        </label>
        <select
          id={statusId}
          className="input select input--filter"
          value={status}
          onChange={(event) => onChange({ status: event.target.value })}
          data-testid="delivery-status-filter"
        >
          <option value="">All statuses</option>
          {DELIVERY_STATUSES.map((value) => (
            <option key={value} value={value}>
              {DELIVERY_STATUS_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar__field">
        <label htmlFor={campaignSelectId} className="visually-hidden">
          Campaign
        </label>
        <select
          id={campaignSelectId}
          className="input select input--filter input--filter-wide"
          value={campaignId}
          onChange={(event) => onChange({ campaignId: event.target.value })}
          disabled={campaigns === null && !campaignId}
          data-testid="delivery-campaign-filter"
        >
          <option value="">All campaigns and hooks</option>
          {!knownCampaign && <option value={campaignId}>Campaign {shortId(campaignId)}</option>}
          {campaigns?.map((campaign) => (
            <option key={campaign.id} value={campaign.id}>
              {campaign.name}
            </option>
          ))}
        </select>
      </div>
      {contactId && (
        <FilterChip label="Contact" value={shortId(contactId)} title={contactId} onClear={() => onChange({ contactId: '' })} />
      )}
      {hookId && <FilterChip label="Event hook" value={shortId(hookId)} title={hookId} onClear={() => onChange({ hookId: '' })} />}
    </div>
  );
}

/** A filter that came with the link (a contact's or a hook's deliveries), shown so it can be taken off. */
function FilterChip({ label, value, title, onClear }: { label: string; value: string; title: string; onClear: () => void }) {
  return (
    <span className="chip chip--filter" title={title} data-testid="delivery-filter-chip">
      <span className="chip__label">
        {label}: <code>{value}</code>
      </span>
      <button type="button" className="chip__remove" onClick={onClear} aria-label={`Show deliveries for every ${label.toLowerCase()}`}>
        <span aria-hidden="true">×</span>
      </button>
    </span>
  );
}
