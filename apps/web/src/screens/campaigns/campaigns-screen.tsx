import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type CampaignStatus, type CampaignSummary, changeCampaignStatus, createCampaign, duplicateCampaign, listCampaigns } from '../../api/campaigns';
import { hasScope } from '../../auth/scopes';
import { useSession } from '../../auth/session-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/request-states';
import { pluralise } from '../../format/numbers';
import { useAction } from '../../hooks/use-action';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
import { CampaignsTable } from './campaigns-table';

const STATUS_FILTERS: { value: CampaignStatus | ''; label: string }[] = [
  { value: '', label: 'All but archived' },
  { value: 'draft', label: 'Draft' },
  { value: 'live', label: 'Live' },
  { value: 'paused', label: 'Paused' },
  { value: 'archived', label: 'Archived' },
];

export function CampaignsScreen() {
  useDocumentTitle('Campaigns');
  const navigate = useNavigate();
  const session = useSession();
  const canWrite = hasScope(session.scopes, 'campaigns:write');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<CampaignStatus | ''>('');
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const campaigns = useRequest((signal) => listCampaigns({ search: debouncedSearch, status }, signal), `campaigns:${debouncedSearch}:${status}`);
  const [archiving, setArchiving] = useState<CampaignSummary | null>(null);

  const create = useAction(async () => {
    const campaign = await createCampaign({ name: 'Untitled campaign' });
    navigate(`/campaigns/${encodeURIComponent(campaign.id)}`);
    return campaign;
  });
  const duplicate = useAction(async (campaign: CampaignSummary) => {
    const copy = await duplicateCampaign(campaign.id);
    campaigns.reload({ quietly: true });
    return copy;
  });

  const filtered = Boolean(debouncedSearch || status);

  return (
    <div className="page">
      <PageHeader
        title="Campaigns"
        description={
          campaigns.state.status === 'ready' && campaigns.state.data.length > 0
            ? pluralise(campaigns.state.data.length, 'campaign')
            : 'Draw journeys of triggers, goals, filters, actions and waits, and watch contacts flow through them.'
        }
        actions={
          canWrite && (
            <button type="button" className="button button--primary" onClick={() => void create.run()} disabled={create.pending} data-testid="new-campaign">
              {create.pending ? 'Creating…' : 'New campaign'}
            </button>
          )
        }
      />
      <FormError error={create.error ?? duplicate.error} />
      <div className="toolbar">
        <div className="toolbar__field--grow">
          <input
            className="input input--search"
            type="search"
            placeholder="Search campaigns"
            aria-label="Search campaigns"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            data-testid="campaign-search"
          />
        </div>
        <select
          className="input select input--inline"
          aria-label="Status"
          value={status}
          onChange={(event) => setStatus(event.target.value as CampaignStatus | '')}
          data-testid="campaign-status-filter"
        >
          {STATUS_FILTERS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {campaigns.state.status === 'loading' && <LoadingState label="Loading campaigns…" />}
      {campaigns.state.status === 'error' && <ErrorState error={campaigns.state.error} onRetry={() => campaigns.reload()} title="Could not load campaigns" />}
      {campaigns.state.status === 'ready' &&
        (campaigns.state.data.length === 0 ? (
          <div className="card">
            {filtered ? (
              <EmptyState title="No campaigns match">
                <p>Try another search or status.</p>
              </EmptyState>
            ) : (
              <EmptyState
                title="No campaigns yet"
                action={
                  canWrite && (
                    <button type="button" className="button button--primary" onClick={() => void create.run()} disabled={create.pending}>
                      Create your first campaign
                    </button>
                  )
                }
              >
                <p>
                  A campaign is drawn on a canvas: a trigger starts each contact’s journey, and Send a Webhook pushes their data to your CRM,
                  Zapier or Slack.
                </p>
              </EmptyState>
            )}
          </div>
        ) : (
          <CampaignsTable
            campaigns={campaigns.state.data}
            canWrite={canWrite}
            busy={duplicate.pending}
            onOpen={(campaign) => navigate(`/campaigns/${encodeURIComponent(campaign.id)}`)}
            onDuplicate={(campaign) => void duplicate.run(campaign)}
            onArchive={setArchiving}
          />
        ))}
      {archiving && (
        <ConfirmDialog
          title={`Archive “${archiving.name}”?`}
          confirmLabel="Archive"
          onConfirm={() => changeCampaignStatus(archiving.id, 'archive')}
          onDone={() => {
            setArchiving(null);
            campaigns.reload({ quietly: true });
          }}
          onCancel={() => setArchiving(null)}
        >
          <p>Contacts in it stop moving and it leaves this list; it stays under the Archived filter with its history.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
