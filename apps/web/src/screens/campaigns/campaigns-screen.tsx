import { listCampaigns } from '../../api/campaigns';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/request-states';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
import { CampaignsTable } from './campaigns-table';

const BUILDER_PENDING = 'Coming with the builder';

export function CampaignsScreen() {
  useDocumentTitle('Campaigns');
  const campaigns = useRequest(listCampaigns, 'campaigns');

  return (
    <div className="page">
      <PageHeader
        title="Campaigns"
        description="Draw journeys of triggers, goals, filters, actions and waits, and watch contacts flow through them."
        actions={
          // A disabled button gets no pointer events in some browsers, so the wrapper carries the tooltip.
          <span className="tooltip-host" title={BUILDER_PENDING}>
            <button type="button" className="button button--primary" disabled data-testid="new-campaign" aria-describedby="new-campaign-pending">
              New campaign
            </button>
            <span id="new-campaign-pending" className="visually-hidden">
              {BUILDER_PENDING}
            </span>
          </span>
        }
      />
      {campaigns.state.status === 'loading' && <LoadingState label="Loading campaigns…" />}
      {campaigns.state.status === 'error' && (
        <ErrorState error={campaigns.state.error} onRetry={() => campaigns.reload()} title="Could not load campaigns" />
      )}
      {campaigns.state.status === 'ready' &&
        (campaigns.state.data.length === 0 ? (
          <div className="card">
            <EmptyState title="No campaigns yet — the builder arrives soon">
              <p>
                Campaigns will be drawn on a canvas: a trigger starts each contact’s journey, and Send a Webhook pushes
                their data to your CRM, Zapier or Slack. Meanwhile you can add contacts and create API keys.
              </p>
            </EmptyState>
          </div>
        ) : (
          <CampaignsTable campaigns={campaigns.state.data} />
        ))}
    </div>
  );
}
