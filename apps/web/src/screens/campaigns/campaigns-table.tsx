import type { CampaignSummary } from '../../api/campaigns';
import { formatDate } from '../../format/dates';

const STATUS_LABELS: Record<CampaignSummary['status'], string> = {
  draft: 'Draft',
  live: 'Live',
  paused: 'Paused',
  archived: 'Archived',
};

export function CampaignsTable({ campaigns }: { campaigns: readonly CampaignSummary[] }) {
  return (
    <div className="card card--flush">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((campaign) => (
            <tr key={campaign.id}>
              <td className="table__primary">{campaign.name}</td>
              <td>
                <span className={`status status--${campaign.status}`}>{STATUS_LABELS[campaign.status] ?? campaign.status}</span>
                {campaign.hasUnpublishedChanges && <span className="muted"> · unpublished changes</span>}
              </td>
              <td>{formatDate(campaign.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
