import type { TimelineEntry } from '../../api/contact-timeline';
import { describeTimelineEntry, exitReasonText } from './contact-timeline-outcome';

const base = { at: '2025-03-01T10:00:00.000Z', campaignId: 'c1', campaignName: 'Welcome', nodeId: 'n1' };
const aStep = (type: string, outcome: string, output: Record<string, unknown> = {}): TimelineEntry => ({
  ...base,
  kind: 'step',
  outcome,
  detail: { enrollmentId: 'e1', type, output },
});
const aDelivery = (outcome: string, detail: { lastStatus?: number; lastError?: string; attempts?: number } = {}): TimelineEntry => ({
  ...base,
  kind: 'delivery',
  outcome,
  detail: { deliveryId: 'd1', webhookId: 'msg_1', method: 'POST', url: 'https://crm.example.com/in', attempts: 1, ...detail },
});
const anEnrollment = (outcome: string, detail: { exitReason?: string; endedAt?: string } = {}): TimelineEntry => ({
  ...base,
  kind: 'enrollment',
  outcome,
  detail: { enrollmentId: 'e1', revision: 2, ...detail },
});

describe('describeTimelineEntry: steps', () => {
  it.each([
    [aStep('trigger.manual', 'entered'), 'Entered at Added manually', 'success'],
    [aStep('trigger.tagAdded', 'entered'), 'Entered at Tag added', 'success'],
    [aStep('action.addTag', 'done', { tag: 'vip' }), 'Tag added: vip', 'success'],
    [aStep('action.removeTag', 'done', { tag: 'lead' }), 'Tag removed: lead', 'success'],
    [aStep('action.updateField', 'done', { field: 'plan', value: 'pro' }), 'Field updated: plan = pro', 'success'],
    [aStep('action.sendWebhook', 'sending'), 'Webhook queued', 'neutral'],
    [aStep('filter.condition', 'yes'), 'Condition matched: took “yes”', 'neutral'],
    [aStep('filter.condition', 'no'), 'Condition not matched: took “no”', 'neutral'],
    [aStep('split.random', 'branch b'), 'Random split: branch b', 'neutral'],
    [aStep('goal.tagAdded', 'goal achieved', { from: 'wait' }), 'Goal reached: tag added', 'success'],
    [aStep('goal.fieldMatches', 'met'), 'Goal reached: fields match', 'success'],
    [aStep('goal.tagAdded', 'waiting for goal'), 'Waiting for the goal: tag added', 'neutral'],
    [aStep('wait.until', 'no date'), 'Did not wait: the date field is empty', 'neutral'],
    [aStep('wait.until', 'date passed'), 'Did not wait: the date has passed', 'neutral'],
    [aStep('end', 'completed'), 'Reached the end', 'success'],
    [aStep('action.addTag', 'failed'), 'Add tag failed', 'danger'],
    [aStep('some.futureType', 'mystery'), 'some.futureType: mystery', 'neutral'],
  ])('%#: %s', (entry, title, tone) => {
    expect(describeTimelineEntry(entry)).toMatchObject({ title, tone });
  });

  it('says until when a wait holds the contact', () => {
    expect(describeTimelineEntry(aStep('wait.delay', 'waiting', { until: '2025-03-03T10:00:00.000Z' })).title).toMatch(/^Waiting until .*2025/);
  });

  it('uses the catalogue icon of the node type', () => {
    expect(describeTimelineEntry(aStep('trigger.manual', 'entered')).icon).toBe('hand');
    expect(describeTimelineEntry(aStep('action.addTag', 'done', { tag: 'x' })).icon).toBe('tag');
  });
});

describe('describeTimelineEntry: deliveries', () => {
  it.each([
    [aDelivery('succeeded', { lastStatus: 200 }), 'Webhook sent — 200', 'success'],
    [aDelivery('failed', { lastStatus: 500, attempts: 5 }), 'Webhook failed — 500 Internal Server Error', 'danger'],
    [aDelivery('failed', { lastError: 'Timed out after 10000 ms' }), 'Webhook failed — Timed out after 10000 ms', 'danger'],
    [aDelivery('retrying', { lastStatus: 503 }), 'Webhook retrying — last answer 503', 'warning'],
    [aDelivery('pending'), 'Webhook waiting to be sent', 'neutral'],
  ])('%#: %s', (entry, title, tone) => {
    expect(describeTimelineEntry(entry)).toMatchObject({ title, tone, icon: 'send' });
  });

  it('notes the request and the number of attempts', () => {
    expect(describeTimelineEntry(aDelivery('succeeded', { lastStatus: 200, attempts: 2 })).note).toBe(
      'POST https://crm.example.com/in · 2 attempts',
    );
  });
});

describe('describeTimelineEntry: enrollments', () => {
  it('says how the run ended, or that it is still going', () => {
    expect(describeTimelineEntry(anEnrollment('completed'))).toMatchObject({
      title: 'Enrolled (revision 2)',
      note: 'Completed the campaign',
      tone: 'success',
    });
    expect(describeTimelineEntry(anEnrollment('exited', { exitReason: 'webhook failed' }))).toMatchObject({
      note: 'Left the campaign: webhook failed',
      tone: 'danger',
    });
    expect(describeTimelineEntry(anEnrollment('exited', { exitReason: 'removed' }))).toMatchObject({
      note: 'Left the campaign: removed by hand',
      tone: 'neutral',
    });
    expect(describeTimelineEntry(anEnrollment('waiting')).note).toBe('Still in the campaign');
  });

  it('adds when it ended', () => {
    expect(describeTimelineEntry(anEnrollment('completed', { endedAt: '2025-03-02T09:30:00.000Z' })).note).toMatch(
      /^Completed the campaign · .*2025/,
    );
  });

  it.each([
    ['removed node', 'its step was removed when a new version was published'],
    ['archived', 'the campaign was archived'],
    ['restarted', 'enrolled again'],
    ['something new', 'something new'],
    [undefined, 'no reason given'],
  ])('exit reason %j reads %j', (reason, text) => {
    expect(exitReasonText(reason)).toBe(text);
  });
});
