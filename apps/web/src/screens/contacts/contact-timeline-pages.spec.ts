import type { TimelineEntry } from '../../api/contact-timeline';
import { appendOlder, olderPageBefore, orderForDisplay } from './contact-timeline-pages';

const aStep = (at: string, nodeId: string): TimelineEntry => ({
  kind: 'step',
  at,
  campaignId: 'c1',
  campaignName: 'Welcome',
  nodeId,
  outcome: 'done',
  detail: { enrollmentId: 'e1', type: 'action.addTag', output: { tag: nodeId } },
});

describe('Load older on the timeline', () => {
  it('asks from one millisecond after the last shown time, so entries sharing it are not skipped', () => {
    expect(olderPageBefore('2025-03-01T10:00:00.123Z')).toBe('2025-03-01T10:00:00.124Z');
    expect(olderPageBefore('not a date')).toBe('not a date');
  });

  it('appends only the entries that are not shown yet, in the order the server gave', () => {
    const shown = [aStep('2025-03-01T10:00:02.000Z', 'c'), aStep('2025-03-01T10:00:01.000Z', 'b')];
    const older = [aStep('2025-03-01T10:00:01.000Z', 'b'), aStep('2025-03-01T10:00:01.000Z', 'b2'), aStep('2025-03-01T10:00:00.000Z', 'a')];
    expect(appendOlder(shown, older).map((entry) => entry.nodeId)).toEqual(['c', 'b', 'b2', 'a']);
  });
});

describe('orderForDisplay', () => {
  const at = '2025-03-01T10:00:00.000Z';
  const common = { at, campaignId: 'c1', campaignName: 'Welcome', nodeId: 'n1' };
  const step = (type: string): TimelineEntry => ({ ...common, kind: 'step', outcome: 'done', detail: { enrollmentId: 'e1', type, output: {} } });
  const delivery = (): TimelineEntry => ({
    ...common,
    kind: 'delivery',
    outcome: 'succeeded',
    detail: { deliveryId: 'd1', webhookId: 'w', method: 'POST', url: 'u', attempts: 1 },
  });
  const enrollment = (time = at): TimelineEntry => ({ ...common, at: time, kind: 'enrollment', outcome: 'completed', detail: { enrollmentId: 'e1', revision: 1 } });
  const name = (entry: TimelineEntry) => (entry.kind === 'step' ? entry.detail.type : entry.kind);

  it('puts, within one time, the delivery first and the trigger and the enrollment last', () => {
    const shown = orderForDisplay([enrollment(), step('trigger.manual'), step('action.sendWebhook'), delivery()]);
    expect(shown.map(name)).toEqual(['delivery', 'action.sendWebhook', 'trigger.manual', 'enrollment']);
  });

  it('never moves an entry across times', () => {
    const later = enrollment('2025-03-01T10:00:05.000Z');
    const earlier = delivery();
    expect(orderForDisplay([later, earlier])).toEqual([later, earlier]);
  });
});
