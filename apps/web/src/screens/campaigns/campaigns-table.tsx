import type { CampaignSummary } from '../../api/campaigns';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';

export const STATUS_LABELS: Record<CampaignSummary['status'], string> = {
  draft: 'Draft',
  live: 'Live',
  paused: 'Paused',
  archived: 'Archived',
};

export function CampaignsTable({
  campaigns,
  canWrite,
  busy,
  onOpen,
  onDuplicate,
  onArchive,
}: {
  campaigns: readonly CampaignSummary[];
  canWrite: boolean;
  busy: boolean;
  onOpen: (campaign: CampaignSummary) => void;
  onDuplicate: (campaign: CampaignSummary) => void;
  onArchive: (campaign: CampaignSummary) => void;
}) {
  return (
    <div className="card card--flush">
      <table className="table table--interactive">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col" className="table__number">
              Active contacts
            </th>
            <th scope="col">Last edited</th>
            {canWrite && (
              <th scope="col" className="table__actions">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {campaigns.map((campaign) => (
            <tr key={campaign.id} onClick={() => onOpen(campaign)} data-testid="campaign-row">
              <td className="table__primary">
                <a
                  href={`/campaigns/${encodeURIComponent(campaign.id)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    event.stopPropagation();
                    onOpen(campaign);
                  }}
                >
                  {campaign.name}
                </a>
              </td>
              <td>
                <span className={`status status--${campaign.status}`}>{STATUS_LABELS[campaign.status] ?? campaign.status}</span>
                {campaign.hasUnpublishedChanges && campaign.status !== 'draft' && <span className="status status--unpublished">Unpublished changes</span>}
              </td>
              <td className="table__number">{formatCount(campaign.activeContacts ?? 0)}</td>
              <td className="table__date">{formatDateTime(campaign.updatedAt)}</td>
              {canWrite && (
                <td className="table__actions" onClick={(event) => event.stopPropagation()}>
                  <button type="button" className="button button--small button--ghost" onClick={() => onDuplicate(campaign)} disabled={busy} data-testid="duplicate-campaign">
                    Duplicate
                  </button>
                  {campaign.status !== 'archived' && (
                    <button type="button" className="button button--small button--ghost" onClick={() => onArchive(campaign)} data-testid="archive-campaign">
                      Archive
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
