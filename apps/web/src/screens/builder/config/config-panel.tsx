import { nodeDefinition, type Problem, type SendWebhookConfig } from '@tideway/graph';
import { memo, useId, useMemo } from 'react';
import type { CampaignNodeData } from '../flow-graph';
import { NodeIcon } from '../nodes/node-icon';
import { CONFIG_FIELDS } from './config-fields';
import { ConfigForm } from './config-form';
import { configIssues } from './config-form-state';
import { InboundEndpointCard } from './inbound-endpoint-card';
import { withoutSavedSecretIssues } from './saved-secrets';
import { WebhookPanel } from './webhook-panel';

/**
 * The selected element's settings. Errors come from the catalogue's zod
 * schema as the marketer types; graph-level problems (no way out, not
 * reachable) are listed under them. Memoised, and given the node without its
 * position: dragging the selected node does not re-render its settings.
 */
export const ConfigPanel = memo(function ConfigPanel({
  node,
  problems,
  readOnly,
  campaign,
  onChange,
  onDelete,
  onClose,
}: {
  node: { id: string; type?: string | undefined; data: CampaignNodeData };
  problems: readonly Problem[];
  readOnly: boolean;
  campaign: { id: string; name: string; draftRevision?: number };
  onChange: (change: { config?: unknown; label?: string }, key: string) => void;
  onDelete: () => void;
  onClose: () => void;
}) {
  const labelId = useId();
  const definition = nodeDefinition(node.type ?? '');
  const issues = useMemo(
    () => withoutSavedSecretIssues(node.data.config, configIssues(definition, node.data.config)),
    [definition, node.data.config],
  );
  const graphProblems = problems.filter((problem) => problem.rule !== 'bad-config');
  const fields = CONFIG_FIELDS[node.type ?? ''] ?? [];
  const setConfig = (config: unknown, path: string) =>
    onChange({ config }, `config:${node.id}:${path}`);

  return (
    <aside
      className="side-panel config-panel"
      aria-label="Element settings"
      data-testid="config-panel"
    >
      <header className="side-panel__header">
        <span className={`side-panel__icon flow-node--${definition?.group ?? 'unknown'}`}>
          <NodeIcon name={definition?.icon ?? 'square'} size={18} />
        </span>
        <div className="side-panel__heading">
          <h2 className="side-panel__title">{node.data.label || definition?.label || node.type}</h2>
          <p className="side-panel__subtitle">
            {definition?.label ?? node.type} · <code>{node.id}</code>
          </p>
        </div>
        <button type="button" className="icon-button" aria-label="Close settings" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="side-panel__body">
        <fieldset className="fieldset stack" disabled={readOnly}>
          {definition && <p className="muted">{definition.description}</p>}
          <div className="field">
            <label className="field__label" htmlFor={labelId}>
              Name on the canvas
            </label>
            <input
              id={labelId}
              className="input"
              value={node.data.label ?? ''}
              placeholder={definition?.label}
              onChange={(event) => onChange({ label: event.target.value }, `label:${node.id}`)}
              data-testid="config-label"
            />
          </div>
          {node.type === 'action.sendWebhook' ? (
            <WebhookPanel
              config={node.data.config as SendWebhookConfig}
              issues={issues}
              onChange={setConfig}
              disabled={readOnly}
              campaign={campaign}
            />
          ) : fields.length > 0 ? (
            <ConfigForm
              fields={fields}
              config={node.data.config}
              issues={issues}
              onChange={setConfig}
              disabled={readOnly}
            />
          ) : (
            <p className="muted">This element has no settings.</p>
          )}
          {issues[''] && node.type !== 'action.sendWebhook' && (
            <p className="field__error">{issues['']}</p>
          )}
        </fieldset>
        {(node.type === 'trigger.webhookReceived' || node.type === 'goal.webhookReceived') && (
          <InboundEndpointCard
            campaignId={campaign.id}
            nodeId={node.id}
            revision={campaign.draftRevision}
            readOnly={readOnly}
          />
        )}
        {graphProblems.length > 0 && !readOnly && (
          <div className="panel-problems" role="status">
            <h3 className="panel-section__title">On the canvas</h3>
            <ul>
              {graphProblems.map((problem, index) => (
                <li key={index}>{problem.message}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {!readOnly && (
        <footer className="side-panel__footer">
          <button
            type="button"
            className="button button--small button--danger-outline"
            onClick={onDelete}
          >
            Delete element
          </button>
        </footer>
      )}
    </aside>
  );
});
