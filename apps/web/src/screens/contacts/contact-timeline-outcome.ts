import { nodeDefinition } from '@tideway/graph';
import type { TimelineEntry } from '../../api/contact-timeline';
import { formatDateTime } from '../../format/dates';
import { pluralise } from '../../format/numbers';
import { lastAnswer } from '../deliveries/delivery-labels';

export type OutcomeTone = 'success' | 'danger' | 'warning' | 'neutral';

/** One timeline entry in a marketer's words. */
export interface TimelineOutcome {
  /** A catalogue icon name (libs/graph NodeDefinition.icon). */
  icon: string;
  title: string;
  /** A second line: where it stands now, or what was sent. */
  note: string | null;
  tone: OutcomeTone;
}

/** Why the engine took a contact out of a campaign (enrollments.exit_reason). */
const EXIT_REASONS: Record<string, string> = {
  'webhook failed': 'webhook failed',
  'removed node': 'its step was removed when a new version was published',
  runaway: 'stopped after too many steps in a row',
  removed: 'removed by hand',
  restarted: 'enrolled again',
  archived: 'the campaign was archived',
};

const timeFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** "3 Mar, 14:05:09": steps of one run are seconds apart, so the timeline shows seconds. */
export function formatTimelineTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : timeFormat.format(date);
}

export function exitReasonText(reason: string | undefined): string {
  if (!reason) return 'no reason given';
  return EXIT_REASONS[reason] ?? reason;
}

function nodeLabel(type: string): string {
  return nodeDefinition(type)?.label ?? type;
}

function nodeIcon(type: string): string {
  return nodeDefinition(type)?.icon ?? 'square';
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

function describeStep(entry: Extract<TimelineEntry, { kind: 'step' }>): TimelineOutcome {
  const { type } = entry.detail;
  const output = entry.detail.output ?? {};
  const label = nodeLabel(type);
  const icon = nodeIcon(type);
  const step = (title: string, tone: OutcomeTone = 'neutral', note: string | null = null): TimelineOutcome => ({ icon, title, note, tone });
  const outcome = entry.outcome;

  if (outcome === 'failed') return step(`${label} failed`, 'danger');
  if (type.startsWith('trigger.') && outcome === 'entered') return step(`Entered at ${label}`, 'success');
  if (type.startsWith('goal.')) {
    const goal = label.replace(/^Goal:\s*/, '');
    if (outcome === 'met' || outcome === 'goal achieved') return step(`Goal reached: ${goal}`, 'success');
    if (outcome === 'not met') return step(`Goal not reached yet: ${goal}, went on`);
    if (outcome === 'waiting for goal') return step(`Waiting for the goal: ${goal}`);
  }
  switch (type) {
    case 'filter.condition':
      if (outcome === 'yes') return step('Condition matched: took “yes”');
      if (outcome === 'no') return step('Condition not matched: took “no”');
      break;
    case 'split.random':
      if (outcome.startsWith('branch ')) return step(`Random split: ${outcome}`);
      break;
    case 'action.addTag':
      if (outcome === 'done') return step(`Tag added: ${text(output['tag'])}`, 'success');
      break;
    case 'action.removeTag':
      if (outcome === 'done') return step(`Tag removed: ${text(output['tag'])}`, 'success');
      break;
    case 'action.updateField':
      if (outcome === 'done') return step(`Field updated: ${text(output['field'])} = ${text(output['value']) || '(empty)'}`, 'success');
      break;
    case 'action.sendWebhook':
      if (outcome === 'sending') return step('Webhook queued');
      break;
    case 'wait.delay':
    case 'wait.until':
      if (outcome === 'waiting') return step(`Waiting until ${formatDateTime(text(output['until']))}`);
      if (outcome === 'no date') return step('Did not wait: the date field is empty');
      if (outcome === 'date passed') return step('Did not wait: the date has passed');
      break;
    case 'end':
      if (outcome === 'completed') return step('Reached the end', 'success');
      break;
  }
  return step(`${label}: ${outcome}`);
}

function describeDelivery(entry: Extract<TimelineEntry, { kind: 'delivery' }>): TimelineOutcome {
  const { detail } = entry;
  const answer = detail.lastStatus !== undefined ? String(detail.lastStatus) : detail.lastError;
  const note = `${detail.method} ${detail.url} · ${pluralise(detail.attempts, 'attempt')}`;
  const delivery = (title: string, tone: OutcomeTone): TimelineOutcome => ({ icon: 'send', title, note, tone });
  switch (entry.outcome) {
    case 'succeeded':
      return delivery(answer ? `Webhook sent — ${answer}` : 'Webhook sent', 'success');
    case 'failed': {
      const said = lastAnswer({ lastStatus: detail.lastStatus ?? null, lastError: detail.lastError ?? null });
      return delivery(said ? `Webhook failed — ${said}` : 'Webhook failed', 'danger');
    }
    case 'retrying':
      return delivery(answer ? `Webhook retrying — last answer ${answer}` : 'Webhook retrying', 'warning');
    case 'pending':
      return delivery('Webhook waiting to be sent', 'neutral');
    default:
      return delivery(`Webhook ${entry.outcome}`, 'neutral');
  }
}

function describeEnrollment(entry: Extract<TimelineEntry, { kind: 'enrollment' }>): TimelineOutcome {
  const { detail } = entry;
  const title = `Enrolled (revision ${detail.revision})`;
  const ended = detail.endedAt ? ` · ${formatDateTime(detail.endedAt)}` : '';
  switch (entry.outcome) {
    case 'completed':
      return { icon: 'flag', title, note: `Completed the campaign${ended}`, tone: 'success' };
    case 'exited':
      return {
        icon: 'flag',
        title,
        note: `Left the campaign: ${exitReasonText(detail.exitReason)}${ended}`,
        tone: detail.exitReason === 'webhook failed' || detail.exitReason === 'runaway' ? 'danger' : 'neutral',
      };
    default:
      return { icon: 'flag', title, note: 'Still in the campaign', tone: 'neutral' };
  }
}

export function describeTimelineEntry(entry: TimelineEntry): TimelineOutcome {
  switch (entry.kind) {
    case 'enrollment':
      return describeEnrollment(entry);
    case 'step':
      return describeStep(entry);
    case 'delivery':
      return describeDelivery(entry);
  }
}
