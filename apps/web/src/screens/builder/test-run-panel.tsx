import { type GraphDraft, nodeDefinition } from '@tideway/graph';
import { useState } from 'react';
import { startTestRun, type TestRunResult, type TestRunStep } from '../../api/campaigns';
import type { Contact } from '../../api/contacts';
import { FormError } from '../../components/form-error';
import { useAction } from '../../hooks/use-action';
import { ContactPicker } from './contact-picker';
import { RequestView } from './request-view';

type Who = 'adHoc' | 'existing';

const OUTCOME_LABELS: Record<string, string> = {
  entered: 'Entered',
  sending: 'Webhook rendered',
  sent: 'Webhook sent',
  yes: 'Yes',
  no: 'No',
  waiting: 'Waits',
  waited: 'Waited',
  completed: 'Done',
  exited: 'Left',
  met: 'Goal met',
};

/**
 * Runs a test contact through the draft: the path lights up on the canvas and
 * each step's decision and output (the rendered request) is listed here.
 */
export function TestRunPanel({
  campaignId,
  nodes,
  result,
  prepare,
  onResult,
  onFocusNode,
  onClose,
}: {
  campaignId: string;
  /** The draft's elements (their types and labels). */
  nodes: GraphDraft['nodes'];
  result: TestRunResult | null;
  prepare: () => Promise<boolean>;
  onResult: (result: TestRunResult | null) => void;
  onFocusNode: (nodeId: string) => void;
  onClose: () => void;
}) {
  const [who, setWho] = useState<Who>('adHoc');
  const [contact, setContact] = useState<Contact | null>(null);
  const [email, setEmail] = useState('test.contact@example.com');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [tags, setTags] = useState('');
  const [mode, setMode] = useState<'dry' | 'live'>('dry');
  const [goals, setGoals] = useState<string[]>([]);
  const goalNodes = nodes.filter((node) => nodeDefinition(node.type ?? '')?.group === 'goal');

  const run = useAction(async () => {
    if (!(await prepare())) throw new Error('Save the draft before running a test: it could not be saved.');
    return startTestRun(campaignId, {
      ...(who === 'existing' && contact
        ? { contactId: contact.id }
        : {
            contact: {
              email: email.trim() || 'test.contact@example.com',
              ...(firstName.trim() ? { firstName: firstName.trim() } : {}),
              ...(lastName.trim() ? { lastName: lastName.trim() } : {}),
              ...(tags.trim() ? { tags: tags.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
            },
          }),
      revision: 'draft',
      mode,
      ...(goals.length ? { goals } : {}),
    });
  });

  const start = async () => {
    onResult(null);
    const answer = await run.run();
    if (answer) onResult(answer);
  };

  const titleOf = (nodeId: string, type: string) => {
    const node = nodes.find((n) => n.id === nodeId);
    return node?.data.label || nodeDefinition(type)?.label || type;
  };

  return (
    <aside className="side-panel" aria-label="Test run" data-testid="test-run-panel">
      <header className="side-panel__header">
        <div className="side-panel__heading">
          <h2 className="side-panel__title">Test run</h2>
          <p className="side-panel__subtitle">Runs a contact through the draft. Waits are skipped.</p>
        </div>
        <button type="button" className="icon-button" aria-label="Close test run" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="side-panel__body stack">
        <div className="segmented" role="radiogroup" aria-label="Test contact">
          {(['adHoc', 'existing'] as const).map((value) => (
            <label key={value} className={who === value ? 'segmented__option segmented__option--active' : 'segmented__option'}>
              <input type="radio" name="test-who" className="visually-hidden" checked={who === value} onChange={() => setWho(value)} />
              {value === 'adHoc' ? 'New test contact' : 'Existing contact'}
            </label>
          ))}
        </div>
        {who === 'existing' ? (
          <ContactPicker selected={contact} onSelect={setContact} />
        ) : (
          <div className="stack stack--tight">
            <div className="field">
              <label className="field__label" htmlFor="test-email">
                Email
              </label>
              <input id="test-email" className="input" type="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="test-contact-email" />
            </div>
            <div className="form-row">
              <div className="field">
                <label className="field__label" htmlFor="test-first-name">
                  First name
                </label>
                <input id="test-first-name" className="input" value={firstName} onChange={(e) => setFirstName(e.target.value)} data-testid="test-contact-first-name" />
              </div>
              <div className="field">
                <label className="field__label" htmlFor="test-last-name">
                  Last name
                </label>
                <input id="test-last-name" className="input" value={lastName} onChange={(e) => setLastName(e.target.value)} data-testid="test-contact-last-name" />
              </div>
            </div>
            <div className="field">
              <label className="field__label" htmlFor="test-tags">
                Tags
              </label>
              <input id="test-tags" className="input" value={tags} placeholder="vip, newsletter" onChange={(e) => setTags(e.target.value)} />
            </div>
          </div>
        )}
        <fieldset className="fieldset field">
          <legend className="field__label">Webhooks</legend>
          <label className="checkbox">
            <input type="radio" name="test-mode" checked={mode === 'dry'} onChange={() => setMode('dry')} data-testid="test-mode-dry" />
            <span>Dry run: only render the requests</span>
          </label>
          <label className="checkbox">
            <input type="radio" name="test-mode" checked={mode === 'live'} onChange={() => setMode('live')} data-testid="test-mode-live" />
            <span>Live: really send them</span>
          </label>
        </fieldset>
        {goalNodes.length > 0 && (
          <fieldset className="fieldset field">
            <legend className="field__label">Treat these goals as met</legend>
            {goalNodes.map((node) => (
              <label key={node.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={goals.includes(node.id)}
                  onChange={(event) => setGoals((current) => (event.target.checked ? [...current, node.id] : current.filter((id) => id !== node.id)))}
                />
                <span>{node.data.label || nodeDefinition(node.type ?? '')?.label}</span>
              </label>
            ))}
          </fieldset>
        )}
        <button
          type="button"
          className="button button--primary"
          onClick={() => void start()}
          disabled={run.pending || (who === 'existing' && !contact)}
          data-testid="test-run-start"
        >
          {run.pending ? 'Running…' : 'Run test'}
        </button>
        <FormError error={run.error} />

        {result && (
          <section className="test-result" aria-label="Test run result" data-testid="test-run-result">
            <h3 className="panel-section__title">
              Path · revision {result.revision} · {result.mode === 'dry' ? 'dry run' : 'live'}
            </h3>
            <ol className="test-steps">
              {result.path.map((step, index) => (
                <TestStep key={index} index={index} step={step} title={titleOf(step.nodeId, step.type)} onFocus={() => onFocusNode(step.nodeId)} />
              ))}
            </ol>
            <p className={`test-final test-final--${result.finalState.state}`} data-testid="test-final-state">
              {finalLabel(result.finalState)}
            </p>
          </section>
        )}
      </div>
    </aside>
  );
}

function TestStep({ index, step, title, onFocus }: { index: number; step: TestRunStep; title: string; onFocus: () => void }) {
  const request = step.output?.['request'] as { method: string; url: string; headers?: { name: string; value: string }[]; body?: string | null } | undefined;
  const response = step.output?.['response'] as { status?: number; body?: unknown; durationMs?: number } | undefined;
  const details = Object.entries(step.output ?? {}).filter(([key]) => key !== 'request' && key !== 'response');
  return (
    <li className="test-step" data-testid="test-step">
      <button type="button" className="test-step__head" onClick={onFocus} title="Show on the canvas">
        <span className="test-step__index">{index + 1}</span>
        <span className="test-step__title">{title}</span>
        <span className={`test-step__outcome test-step__outcome--${step.outcome.replace(/\s+/g, '-')}`}>{OUTCOME_LABELS[step.outcome] ?? step.outcome}</span>
      </button>
      {details.length > 0 && (
        <dl className="test-step__details">
          {details.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {request && <RequestView request={request} response={response} />}
    </li>
  );
}

function finalLabel(state: TestRunResult['finalState']): string {
  const reason = state.reason ? ` (${state.reason})` : '';
  switch (state.state) {
    case 'completed':
      return `Completed at ${state.nodeId}${reason}`;
    case 'exited':
      return `Left the campaign at ${state.nodeId}${reason}`;
    case 'waiting':
      return `Waiting at ${state.nodeId}${reason}`;
    case 'failed':
      return `Failed at ${state.nodeId}${reason}`;
    default:
      return `${state.state} at ${state.nodeId}${reason}`;
  }
}
