import { useEffect, useState } from 'react';
import { type CampaignStats, fetchCampaignStats } from '../../api/campaigns';

const STATS_POLL_MS = 4000;

/** Live counts while contacts can be in the campaign (`polling`); null until the first answer. */
export function useCampaignStats(campaignId: string, polling: boolean): CampaignStats | null {
  const [stats, setStats] = useState<CampaignStats | null>(null);
  useEffect(() => {
    if (!polling) return;
    let stopped = false;
    const load = () =>
      fetchCampaignStats(campaignId).then(
        (answer) => !stopped && setStats(answer),
        () => undefined,
      );
    void load();
    const timer = setInterval(load, STATS_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [campaignId, polling]);
  return stats;
}
