import { nodeDefinition } from '@tideway/graph';
import { useState } from 'react';
import { listRevisions, type RevisionSummary } from '../../api/campaigns';
import { ErrorState, LoadingState } from '../../components/request-states';
import { formatDateTime } from '../../format/dates';
import { useRequest } from '../../hooks/use-request';
import { type DiffOverlay, formatDiffValue, readableFieldPath } from './diff-overlay';

export type HistoryView = { mode: 'revision'; revision: number } | { mode: 'diff'; from: number; to: number } | null;

/**
 * Every save as a numbered revision: open one read-only on the canvas,
 * compare two (drawn on the canvas, config before / after listed here),
 * restore one as a new draft, publish one.
 */
export function HistoryPanel({
  campaignId,
  reloadKey,
  view,
  overlay,
  busy,
  onView,
  onCompare,
  onRestore,
  onPublish,
  onBackToDraft,
  onFocusNode,
  onClose,
}: {
  campaignId: string;
  reloadKey: string;
  view: HistoryView;
  overlay: DiffOverlay | null;
  busy: boolean;
  onView: (revision: number) => void;
  onCompare: (from: number, to: number) => void;
  onRestore: (revision: number) => void;
  onPublish: (revision: number) => void;
  onBackToDraft: () => void;
  onFocusNode: (nodeId: string) => void;
  onClose: () => void;
}) {
  const revisions = useRequest((signal) => listRevisions(campaignId, signal), `revisions:${campaignId}:${reloadKey}`);
  const [picked, setPicked] = useState<number[]>([]);
  const togglePick = (revision: number) =>
    setPicked((current) => (current.includes(revision) ? current.filter((r) => r !== revision) : [...current.slice(-1), revision]));
  const [from, to] = [...picked].sort((a, b) => a - b);

  return (
    <aside className="side-panel" aria-label="Revision history" data-testid="history-panel">
      <header className="side-panel__header">
        <div className="side-panel__heading">
          <h2 className="side-panel__title">History</h2>
          <p className="side-panel__subtitle">Every save is kept. Tick two revisions to compare them.</p>
        </div>
        <button type="button" className="icon-button" aria-label="Close history" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="side-panel__body stack">
        {view && (
          <button type="button" className="button button--small" onClick={onBackToDraft} data-testid="back-to-draft">
            ← Back to the draft
          </button>
        )}
        {picked.length === 2 && (
          <button type="button" className="button button--primary button--small" onClick={() => onCompare(from, to)} data-testid="compare-button">
            Compare {from} → {to}
          </button>
        )}
        {revisions.state.status === 'loading' && <LoadingState label="Loading revisions…" />}
        {revisions.state.status === 'error' && <ErrorState error={revisions.state.error} onRetry={() => revisions.reload()} title="Could not load the history" />}
        {revisions.state.status === 'ready' && (
          <ol className="revision-list">
            {revisions.state.data.map((revision, index) => (
              <RevisionRow
                key={revision.revision}
                revision={revision}
                latest={index === 0}
                picked={picked.includes(revision.revision)}
                viewing={view?.mode === 'revision' && view.revision === revision.revision}
                busy={busy}
                onPick={() => togglePick(revision.revision)}
                onView={() => onView(revision.revision)}
                onRestore={() => onRestore(revision.revision)}
                onPublish={() => onPublish(revision.revision)}
              />
            ))}
          </ol>
        )}
        {view?.mode === 'diff' && overlay && <DiffSummary overlay={overlay} from={view.from} to={view.to} onFocusNode={onFocusNode} />}
      </div>
    </aside>
  );
}

function RevisionRow({
  revision,
  latest,
  picked,
  viewing,
  busy,
  onPick,
  onView,
  onRestore,
  onPublish,
}: {
  revision: RevisionSummary;
  latest: boolean;
  picked: boolean;
  viewing: boolean;
  busy: boolean;
  onPick: () => void;
  onView: () => void;
  onRestore: () => void;
  onPublish: () => void;
}) {
  return (
    <li className={viewing ? 'revision-row revision-row--viewing' : 'revision-row'} data-testid="revision-row" data-revision={revision.revision}>
      <label className="revision-row__pick">
        <input type="checkbox" checked={picked} onChange={onPick} aria-label={`Compare revision ${revision.revision}`} data-testid="revision-compare" />
      </label>
      <div className="revision-row__text">
        <div className="revision-row__title">
          <strong>#{revision.revision}</strong> {revision.message || (latest ? 'Current draft' : 'Saved from the builder')}
          {revision.current && <span className="status status--live revision-row__badge">Live</span>}
          {!revision.current && revision.published && <span className="status revision-row__badge">Published before</span>}
        </div>
        <div className="muted revision-row__meta">
          {formatDateTime(revision.createdAt)} · {revision.author?.email ?? 'API'}
        </div>
        <div className="revision-row__actions">
          <button type="button" className="link-button" onClick={onView} data-testid="revision-view">
            View
          </button>
          {!latest && (
            <button type="button" className="link-button" onClick={onRestore} disabled={busy} data-testid="revision-restore">
              Restore
            </button>
          )}
          {!revision.current && (
            <button type="button" className="link-button" onClick={onPublish} disabled={busy} data-testid="revision-publish">
              Publish
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

function DiffSummary({ overlay, from, to, onFocusNode }: { overlay: DiffOverlay; from: number; to: number; onFocusNode: (id: string) => void }) {
  const { diff } = overlay;
  const name = (node: { id: string; type: string; data?: { label?: string } }) => node.data?.label || nodeDefinition(node.type)?.label || node.type;
  const nothing =
    diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length + diff.edges.added.length + diff.edges.removed.length === 0;
  return (
    <section className="diff-summary" aria-label={`Changes from ${from} to ${to}`} data-testid="diff-summary">
      <h3 className="panel-section__title">
        Changes from #{from} to #{to}
      </h3>
      <div className="diff-legend" aria-hidden="true">
        <span className="diff-chip diff-chip--added">added</span>
        <span className="diff-chip diff-chip--removed">removed</span>
        <span className="diff-chip diff-chip--changed">changed</span>
      </div>
      {nothing && <p className="muted">No differences{diff.nodes.moved.length ? ' (elements only moved)' : ''}.</p>}
      <ul className="diff-list">
        {diff.nodes.added.map((node) => (
          <li key={`a-${node.id}`} className="diff-item diff-item--added">
            <button type="button" className="link-button" onClick={() => onFocusNode(node.id)}>
              {name(node)}
            </button>{' '}
            added
          </li>
        ))}
        {diff.nodes.removed.map((node) => (
          <li key={`r-${node.id}`} className="diff-item diff-item--removed">
            <button type="button" className="link-button" onClick={() => onFocusNode(node.id)}>
              {name(node)}
            </button>{' '}
            removed
          </li>
        ))}
        {diff.nodes.changed.map((change) => {
          const node = overlay.nodes.find((n) => n.id === change.id);
          return (
            <li key={`c-${change.id}`} className="diff-item diff-item--changed" data-testid="diff-changed">
              <button type="button" className="link-button" onClick={() => onFocusNode(change.id)}>
                {node ? name({ id: node.id, type: node.type ?? '', data: node.data }) : change.id}
              </button>{' '}
              changed
              <table className="diff-fields">
                <tbody>
                  {change.fields.map((field) => (
                    <tr key={field.path}>
                      <th scope="row">{readableFieldPath(field.path)}</th>
                      <td className="diff-before">{formatDiffValue(field.before)}</td>
                      <td className="diff-after">{formatDiffValue(field.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          );
        })}
        {(diff.edges.added.length > 0 || diff.edges.removed.length > 0) && (
          <li className="diff-item muted">
            {diff.edges.added.length} connection{diff.edges.added.length === 1 ? '' : 's'} added, {diff.edges.removed.length} removed
          </li>
        )}
      </ul>
    </section>
  );
}
