import { type GraphDraft, nodeDefinition, type Problem } from '@tideway/graph';
import { useState } from 'react';
import {
  fetchCampaignStats,
  fetchRevision,
  type PublishResult,
  startPublish,
} from '../../api/campaigns';
import { Dialog } from '../../components/dialog';
import { FormError } from '../../components/form-error';
import { JobProgress } from '../../components/job-progress';
import { LoadingState } from '../../components/request-states';
import { pluralise } from '../../format/numbers';
import { useJob } from '../../hooks/use-job';
import { useRequest } from '../../hooks/use-request';
import { contactsOnRemovedNodes } from './removed-contacts';

/**
 * Publishing the draft (or a chosen revision): lists the problems that stop
 * it, or says how many contacts sit on elements the new version removes and
 * lets the marketer choose whether they leave or finish where they are.
 */
export function PublishDialog({
  campaignId,
  publishedRevision,
  graph,
  revision,
  problems,
  unsaved,
  prepare,
  onPublished,
  onCancel,
  onShowProblem,
}: {
  campaignId: string;
  publishedRevision: number | null;
  graph: GraphDraft;
  /** A revision from history; the draft when absent. */
  revision?: number;
  problems: readonly Problem[];
  unsaved: boolean;
  /** Saves the draft first when it has unsaved changes; false if that failed. */
  prepare: () => Promise<boolean>;
  onPublished: (result: PublishResult) => void;
  onCancel: () => void;
  onShowProblem: (nodeId: string) => void;
}) {
  const [onRemovedNodes, setOnRemovedNodes] = useState<'exit' | 'keep'>('exit');
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const impact = useRequest(
    async (signal) => {
      if (publishedRevision === null || publishedRevision === revision)
        return { total: 0, nodes: [] };
      const [published, stats] = await Promise.all([
        fetchRevision(campaignId, publishedRevision, signal),
        fetchCampaignStats(campaignId, signal),
      ]);
      return contactsOnRemovedNodes(published.graph, graph, stats.nodes);
    },
    `impact:${campaignId}:${publishedRevision}:${revision ?? 'draft'}`,
  );

  // Answered once the revision is published; the job then moves the campaign's contacts to it.
  const publish = useJob<PublishResult>();
  const start = async () => {
    if (!(await prepare()))
      throw new Error('The draft could not be saved, so it was not published.');
    try {
      return await startPublish(campaignId, {
        ...(revision !== undefined ? { revision } : {}),
        onRemovedNodes,
      });
    } catch (thrown) {
      const body = (thrown as { body?: { problems?: Problem[] } }).body;
      if (Array.isArray(body?.problems)) setServerProblems(body.problems);
      throw thrown;
    }
  };

  const shown = serverProblems.length > 0 ? serverProblems : problems;
  const blocked = problems.length > 0;
  const confirm = async () => {
    const job = await publish.run(start);
    if (job?.result) onPublished(job.result);
  };
  const moving = publish.job && (publish.job.total ?? 0) > 0 ? publish.job : null;

  return (
    <Dialog
      title={revision !== undefined ? `Publish revision ${revision}` : 'Publish the draft'}
      onClose={onCancel}
      busy={publish.pending}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} disabled={publish.pending}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void confirm()}
            disabled={publish.pending || blocked || impact.state.status === 'loading'}
            data-testid="confirm-publish"
            data-autofocus
          >
            {publish.pending ? 'Publishing…' : 'Publish'}
          </button>
        </>
      }
    >
      <div className="stack">
        {shown.length > 0 ? (
          <div className="stack">
            <p>
              {blocked ? 'Fix these problems before publishing:' : 'The server refused to publish:'}{' '}
              <strong>{pluralise(shown.length, 'problem')}</strong>
            </p>
            <ul className="problem-list" data-testid="publish-problems">
              {shown.map((problem, index) => (
                <li key={index}>
                  {problem.nodeId ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onShowProblem(problem.nodeId ?? '')}
                    >
                      {problem.nodeId}
                    </button>
                  ) : (
                    <span className="muted">Campaign</span>
                  )}
                  <span>{problem.message}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p>
            Contacts will follow {revision !== undefined ? `revision ${revision}` : 'this version'}{' '}
            from their next step.
            {unsaved && revision === undefined && ' Your unsaved changes are saved first.'}
          </p>
        )}
        {impact.state.status === 'loading' && (
          <LoadingState label="Counting contacts on removed elements…" />
        )}
        {impact.state.status === 'error' && (
          <p className="field__error">
            Could not count contacts on removed elements: {impact.state.error.message}
          </p>
        )}
        {impact.state.status === 'ready' && impact.state.data.total > 0 && (
          <fieldset
            className="fieldset notice notice--warning publish-impact"
            data-testid="removed-contacts"
          >
            <legend className="visually-hidden">Contacts on removed elements</legend>
            <p>
              <strong>{pluralise(impact.state.data.total, 'contact')}</strong>{' '}
              {impact.state.data.total === 1 ? 'is' : 'are'} on{' '}
              {impact.state.data.nodes
                .map((node) => node.label || nodeDefinition(node.type)?.label || node.id)
                .join(', ')}
              , which this version removes.
            </p>
            <label className="checkbox">
              <input
                type="radio"
                name="removed"
                checked={onRemovedNodes === 'exit'}
                onChange={() => setOnRemovedNodes('exit')}
              />
              <span>They leave the campaign (logged as the reason)</span>
            </label>
            <label className="checkbox">
              <input
                type="radio"
                name="removed"
                checked={onRemovedNodes === 'keep'}
                onChange={() => setOnRemovedNodes('keep')}
              />
              <span>They finish the revision they are on</span>
            </label>
          </fieldset>
        )}
        {publish.pending && moving && <JobProgress job={moving} unit="contact" verb="updated" />}
        <FormError error={publish.error} />
      </div>
    </Dialog>
  );
}
