import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { CampaignStatus } from '../../api/campaigns';
import { formatCount } from '../../format/numbers';

export const STATUS_LABELS: Record<CampaignStatus, string> = { draft: 'Draft', live: 'Live', paused: 'Paused', archived: 'Archived' };

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

export function BuilderTopBar({
  name,
  status,
  hasUnpublishedChanges,
  saveState,
  activeContacts,
  busy,
  canUndo,
  canRedo,
  readOnly,
  panel,
  canEnroll,
  onRename,
  onSave,
  onPublish,
  onPauseResume,
  onUndo,
  onRedo,
  onLayout,
  onTest,
  onHistory,
  onEnroll,
}: {
  name: string;
  status: CampaignStatus;
  hasUnpublishedChanges: boolean;
  saveState: SaveState;
  activeContacts: number | null;
  busy: boolean;
  canUndo: boolean;
  canRedo: boolean;
  readOnly: boolean;
  panel: string | null;
  canEnroll: boolean;
  onRename: (name: string) => void;
  onSave: () => void;
  onPublish: () => void;
  onPauseResume: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onTest: () => void;
  onHistory: () => void;
  onEnroll: () => void;
}) {
  const [draftName, setDraftName] = useState(name);
  useEffect(() => setDraftName(name), [name]);
  const commitName = () => {
    const trimmed = draftName.trim();
    if (!trimmed) setDraftName(name);
    else if (trimmed !== name) onRename(trimmed);
  };

  return (
    <header className="builder-top-bar">
      <Link to="/campaigns" className="builder-top-bar__back" aria-label="All campaigns" title="All campaigns">
        ←
      </Link>
      <div className="builder-top-bar__identity">
        <input
          className="builder-top-bar__name"
          aria-label="Campaign name"
          value={draftName}
          maxLength={200}
          onChange={(event) => setDraftName(event.target.value)}
          onBlur={commitName}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.currentTarget.blur();
            if (event.key === 'Escape') {
              setDraftName(name);
              event.currentTarget.blur();
            }
          }}
          data-testid="campaign-name"
        />
        <div className="builder-top-bar__meta">
          <span className={`status status--${status}`} data-testid="campaign-status" data-status={status}>
            {STATUS_LABELS[status]}
          </span>
          {hasUnpublishedChanges && status !== 'draft' && <span className="status status--unpublished">Unpublished changes</span>}
          {activeContacts !== null && (
            <span className="builder-top-bar__live" data-testid="live-count" title="Contacts in the campaign now">
              {formatCount(activeContacts)} in campaign
            </span>
          )}
          <span className={`save-state save-state--${saveState}`} role="status" aria-live="polite">
            {saveState === 'saving' ? 'Saving…' : saveState === 'dirty' ? 'Unsaved changes' : saveState === 'error' ? 'Not saved' : 'All changes saved'}
          </span>
        </div>
      </div>

      <div className="builder-top-bar__tools" role="toolbar" aria-label="Edit">
        <button type="button" className="button button--small button--ghost" onClick={onUndo} disabled={!canUndo || readOnly} title={`Undo (${MOD}+Z)`} aria-label="Undo">
          ↶
        </button>
        <button type="button" className="button button--small button--ghost" onClick={onRedo} disabled={!canRedo || readOnly} title={`Redo (${MOD}+Shift+Z)`} aria-label="Redo">
          ↷
        </button>
        <button type="button" className="button button--small button--ghost" onClick={onLayout} disabled={readOnly} title="Arrange the elements automatically" data-testid="auto-layout">
          Tidy up
        </button>
      </div>

      <div className="builder-top-bar__actions">
        <button
          type="button"
          className={panel === 'test' ? 'button button--small is-active' : 'button button--small'}
          onClick={onTest}
          aria-pressed={panel === 'test'}
          data-testid="test-run-button"
        >
          Test
        </button>
        <button
          type="button"
          className={panel === 'history' ? 'button button--small is-active' : 'button button--small'}
          onClick={onHistory}
          aria-pressed={panel === 'history'}
          data-testid="history-button"
        >
          History
        </button>
        {canEnroll && (
          <button type="button" className="button button--small" onClick={onEnroll} data-testid="enroll-button">
            Enroll contacts
          </button>
        )}
        {(status === 'live' || status === 'paused') && (
          <button type="button" className="button button--small" onClick={onPauseResume} disabled={busy} data-testid={status === 'live' ? 'pause-button' : 'resume-button'}>
            {status === 'live' ? 'Pause' : 'Resume'}
          </button>
        )}
        <button
          type="button"
          className="button button--small"
          onClick={onSave}
          disabled={busy || readOnly || saveState === 'saving'}
          title={`Save (${MOD}+S)`}
          data-testid="save-button"
        >
          {saveState === 'saving' ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button--small button--primary" onClick={onPublish} disabled={busy || status === 'archived'} data-testid="publish-button">
          Publish
        </button>
      </div>
    </header>
  );
}
