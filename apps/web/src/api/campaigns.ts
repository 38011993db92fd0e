import { ApiError } from './api-error';
import { apiRequest } from './client';

export type CampaignStatus = 'draft' | 'live' | 'paused' | 'archived';

export interface CampaignSummary {
  id: string;
  name: string;
  status: CampaignStatus;
  hasUnpublishedChanges?: boolean;
  updatedAt?: string;
}

const CAMPAIGNS = '/api/v1/campaigns';

/**
 * Lists campaigns. The route arrives with the campaign engine; until then it
 * answers 404, which means "no campaigns" rather than a failure.
 */
export async function listCampaigns(signal?: AbortSignal): Promise<CampaignSummary[]> {
  try {
    const answer = await apiRequest<CampaignSummary[] | { data: CampaignSummary[] }>('GET', CAMPAIGNS, { signal });
    return Array.isArray(answer) ? answer : (answer?.data ?? []);
  } catch (thrown) {
    if (thrown instanceof ApiError && thrown.isNotFound) return [];
    throw thrown;
  }
}
