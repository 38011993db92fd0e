import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import type { TimelineEntry } from '../../api/contact-timeline';
import { TimelineItem } from './contact-timeline';

const render = (entry: TimelineEntry) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <ol>
        <TimelineItem entry={entry} />
      </ol>
    </MemoryRouter>,
  );

const base = { at: '2025-03-01T10:00:00.000Z', campaignId: 'c1', campaignName: 'Welcome journey', nodeId: 'crm' };

describe('TimelineItem', () => {
  it('shows a delivery with its outcome, a link to the campaign builder and one to the delivery', () => {
    const html = render({
      ...base,
      kind: 'delivery',
      outcome: 'succeeded',
      detail: { deliveryId: 'd1', webhookId: 'msg_1', method: 'POST', url: 'https://crm.example.com/in', attempts: 2, lastStatus: 200 },
    });
    expect(html).toContain('data-testid="timeline-entry"');
    expect(html).toContain('Webhook sent — 200');
    expect(html).toContain('href="/campaigns/c1"');
    expect(html).toContain('href="/deliveries/d1"');
    expect(html).toContain('timeline-entry--success');
  });

  it('shows a step without a delivery link', () => {
    const html = render({ ...base, kind: 'step', outcome: 'entered', detail: { enrollmentId: 'e1', type: 'trigger.manual', output: {} } });
    expect(html).toContain('Entered at Added manually');
    expect(html).not.toContain('/deliveries/');
  });
});
