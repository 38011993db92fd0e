import type { GraphDiff, GraphDraft, Problem } from '@tideway/graph';
import { apiRequest } from './client';
import { type Job, RESPOND_ASYNC } from './jobs';

export type CampaignStatus = 'draft' | 'live' | 'paused' | 'archived';
export type ReentryPolicy = 'once' | 'afterLeaving' | 'anyTime';

export interface CampaignSummary {
  id: string;
  name: string;
  status: CampaignStatus;
  draftRevision?: number;
  publishedRevision?: number | null;
  hasUnpublishedChanges?: boolean;
  activeContacts?: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface Campaign extends CampaignSummary {
  reentry: ReentryPolicy;
  draftRevision: number;
  publishedRevision: number | null;
  hasUnpublishedChanges: boolean;
  graph: GraphDraft;
  /** The inbound URL of the campaign's only webhook element (or only webhook trigger); GET only. */
  inboundUrl?: string | null;
  inbound?: InboundEndpoint[];
}

/** The URL of a webhook trigger or goal element (POST /hooks/in/<token>). */
export interface InboundEndpoint {
  nodeId: string;
  url: string;
  hasSecret: boolean;
}

export interface RevisionSummary {
  revision: number;
  createdAt: string;
  author: { id: string; email: string } | null;
  message: string | null;
  published: boolean;
  current: boolean;
  publishedAt: string | null;
}

export interface Revision extends RevisionSummary {
  graph: GraphDraft;
}

export interface NodeStats {
  current: number;
  entered: number;
  completed: number;
  failed: number;
}

export interface CampaignStats {
  nodes: Record<string, NodeStats>;
  enrollments: { active: number; waiting: number; completed: number; exited: number };
}

export interface PublishResult {
  revision: number;
  status: CampaignStatus;
  moved: number;
  exited: number;
  kept: number;
}

export interface TestRunContact {
  email: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  fields?: Record<string, unknown>;
  tags?: string[];
}

export interface TestRunInput {
  contactId?: string;
  contact?: TestRunContact;
  revision?: 'draft' | number;
  mode: 'dry' | 'live';
  goals?: string[];
}

export interface TestRunStep {
  nodeId: string;
  type: string;
  outcome: string;
  output: Record<string, unknown>;
  at: string;
}

export interface TestRunResult {
  revision: number;
  mode: 'dry' | 'live';
  path: TestRunStep[];
  finalState: { state: string; nodeId: string; reason?: string };
  contact: Record<string, unknown>;
}

const CAMPAIGNS = '/api/v1/campaigns';
const campaignPath = (id: string) => `${CAMPAIGNS}/${encodeURIComponent(id)}`;

export async function listCampaigns(
  query: { search?: string; status?: CampaignStatus | '' } = {},
  signal?: AbortSignal,
): Promise<CampaignSummary[]> {
  const answer = await apiRequest<{ data: CampaignSummary[] } | CampaignSummary[]>(
    'GET',
    CAMPAIGNS,
    {
      query: { ...query },
      signal,
    },
  );
  return Array.isArray(answer) ? answer : (answer?.data ?? []);
}

export const createCampaign = (input: { name: string; graph?: GraphDraft }) =>
  apiRequest<Campaign>('POST', CAMPAIGNS, { json: input });

export const fetchCampaign = (id: string, signal?: AbortSignal) =>
  apiRequest<Campaign>('GET', campaignPath(id), { signal });

export const updateCampaign = (id: string, changes: { name?: string; reentry?: ReentryPolicy }) =>
  apiRequest<Campaign>('PATCH', campaignPath(id), { json: changes });

export const duplicateCampaign = (id: string) =>
  apiRequest<Campaign>('POST', `${campaignPath(id)}/duplicate`);

export const saveDraft = (
  id: string,
  input: { graph: GraphDraft; baseRevision: number; message?: string },
) => apiRequest<{ revision: number }>('PUT', `${campaignPath(id)}/draft`, { json: input });

export const validateCampaignGraph = (id: string, graph: GraphDraft) =>
  apiRequest<{ valid: boolean; problems: Problem[] }>('POST', `${campaignPath(id)}/validate`, {
    json: { graph },
  });

export const publishCampaign = (
  id: string,
  input: { revision?: number; onRemovedNodes?: 'exit' | 'keep' },
) => apiRequest<PublishResult>('POST', `${campaignPath(id)}/publish`, { json: input });

/** Publishes, answered once the revision is published, with the job moving the campaign's contacts to it. */
export const startPublish = (
  id: string,
  input: { revision?: number; onRemovedNodes?: 'exit' | 'keep' },
) =>
  apiRequest<{ job: Job<PublishResult> }>('POST', `${campaignPath(id)}/publish`, {
    json: input,
    headers: RESPOND_ASYNC,
  }).then((answer) => answer.job);

export type StatusAction = 'pause' | 'resume' | 'archive';
export const changeCampaignStatus = (id: string, action: StatusAction) =>
  apiRequest<Campaign>('POST', `${campaignPath(id)}/${action}`);

export const listRevisions = (id: string, signal?: AbortSignal) =>
  apiRequest<{ data: RevisionSummary[] }>('GET', `${campaignPath(id)}/revisions`, { signal }).then(
    (a) => a.data,
  );

export const fetchRevision = (id: string, revision: number, signal?: AbortSignal) =>
  apiRequest<Revision>('GET', `${campaignPath(id)}/revisions/${revision}`, { signal });

export const fetchRevisionDiff = (id: string, a: number, b: number, signal?: AbortSignal) =>
  apiRequest<GraphDiff>('GET', `${campaignPath(id)}/revisions/${a}/diff/${b}`, { signal });

export const restoreRevision = (id: string, revision: number) =>
  apiRequest<{ revision: number }>('POST', `${campaignPath(id)}/revisions/${revision}/restore`);

export const fetchCampaignStats = (id: string, signal?: AbortSignal) =>
  apiRequest<CampaignStats>('GET', `${campaignPath(id)}/stats`, { signal });

export type EnrollInput = { contactIds: string[] } | { filter: { tag?: string; search?: string } };
export type EnrollResult = { enrolled: number; skipped: number };

export const enrollContacts = (id: string, input: EnrollInput) =>
  apiRequest<EnrollResult>('POST', `${campaignPath(id)}/enrollments`, { json: input });

/** Enrolls as a job, answered at once: the contacts are enrolled in the background, a chunk at a time. */
export const startEnrollment = (id: string, input: EnrollInput) =>
  apiRequest<{ job: Job<EnrollResult> }>('POST', `${campaignPath(id)}/enrollments`, {
    json: input,
    headers: RESPOND_ASYNC,
  }).then((answer) => answer.job);

export const startTestRun = (id: string, input: TestRunInput) =>
  apiRequest<TestRunResult>('POST', `${campaignPath(id)}/test-runs`, { json: input });

const inboundPath = (id: string, nodeId: string) =>
  `${campaignPath(id)}/inbound/${encodeURIComponent(nodeId)}`;

export const listInboundEndpoints = (id: string, signal?: AbortSignal) =>
  apiRequest<{ data: InboundEndpoint[] }>('GET', `${campaignPath(id)}/inbound`, { signal }).then(
    (a) => a.data,
  );

/** A new signing secret, answered this once. */
export const createInboundSecret = (id: string, nodeId: string) =>
  apiRequest<{ secret: string }>('PUT', `${inboundPath(id, nodeId)}/secret`);

export const removeInboundSecret = (id: string, nodeId: string) =>
  apiRequest<void>('DELETE', `${inboundPath(id, nodeId)}/secret`);
