import { type Campaign, fetchCampaign } from '../../api/campaigns';
import { mayHaveSession } from '../../api/csrf-token';
import { type CustomField, listFields } from '../../api/fields';

/** What the builder opens with: the campaign, and the workspace's custom fields for its settings. */
export interface BuilderData {
  campaign: Campaign;
  fields: CustomField[];
}

const BUILDER_PATH = /^\/campaigns\/([0-9a-f-]{36})\/?$/i;

let early: { campaignId: string; data: Promise<BuilderData> } | undefined;

function fetchBuilderData(campaignId: string, signal?: AbortSignal): Promise<BuilderData> {
  return Promise.all([
    fetchCampaign(campaignId, signal),
    // The settings work without custom fields (they offer the built-in ones).
    listFields(signal).catch(() => []),
  ]).then(([campaign, fields]) => ({ campaign, fields }));
}

/**
 * The page was opened on a campaign's address (a link, a bookmark, a reload):
 * its data is fetched now, while the session is being checked, rather than
 * after it, which saves the builder a round trip before it can draw. Not
 * when the browser surely has no session: the answer would only be a 401.
 */
export function fetchBuilderDataEarly(pathname: string): void {
  const campaignId = BUILDER_PATH.exec(pathname)?.[1];
  if (!campaignId || !mayHaveSession()) return;
  const data = fetchBuilderData(campaignId);
  // Whoever takes it handles its failure; until then, it must not count as unhandled.
  data.catch(() => undefined);
  early = { campaignId, data };
}

/** The builder's data: what was fetched early for this campaign, once, or else fetched now. */
export function loadBuilderData(campaignId: string, signal: AbortSignal): Promise<BuilderData> {
  const taken = early?.campaignId === campaignId ? early.data : undefined;
  early = undefined;
  // Fetched early, it may have failed for a reason that has passed since (a session still being restored).
  return taken
    ? taken.catch(() => fetchBuilderData(campaignId, signal))
    : fetchBuilderData(campaignId, signal);
}
