import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import type { DeliverySummary } from '../../api/deliveries';
import { DeliveriesTable } from './deliveries-table';

const NOW = Date.parse('2025-03-01T10:00:00.000Z');

const aDelivery = (id: string, overrides: Partial<DeliverySummary> = {}): DeliverySummary => ({
  id,
  webhookId: `msg_${id}`,
  status: 'succeeded',
  campaignId: 'c0ffee00-0000-4000-8000-000000000001',
  campaignName: 'Welcome journey',
  nodeId: 'crm',
  contactId: 'ada00000-0000-4000-8000-000000000001',
  enrollmentId: 'e1',
  hookId: null,
  event: null,
  method: 'POST',
  url: 'https://crm.example.com/hooks/tideway',
  attempts: 2,
  maxAttempts: 5,
  lastStatus: 200,
  lastError: null,
  nextAttemptAt: null,
  createdAt: '2025-03-01T09:59:00.000Z',
  updatedAt: '2025-03-01T09:59:05.000Z',
  completedAt: '2025-03-01T09:59:05.000Z',
  ...overrides,
});

const render = (deliveries: DeliverySummary[], empty?: string) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <DeliveriesTable deliveries={deliveries} now={NOW} empty={empty} />
    </MemoryRouter>,
  );

describe('DeliveriesTable', () => {
  it('renders one delivery-row per delivery with its status, request, attempts and answer, linking to its detail', () => {
    const html = render([aDelivery('d1'), aDelivery('d2', { status: 'retrying', lastStatus: 500, attempts: 1, nextAttemptAt: '2025-03-01T10:00:20.000Z' })]);
    expect(html).toContain('data-testid="deliveries-table"');
    expect(html.match(/data-testid="delivery-row"/g)).toHaveLength(2);
    expect(html).toContain('href="/deliveries/d1"');
    expect(html).toContain('https://crm.example.com/hooks/tideway');
    expect(html).toContain('2/5');
    expect(html).toContain('200 OK');
    expect(html).toContain('500 Internal Server Error');
    expect(html).toContain('in 20 s');
    expect(html).toContain('data-status="retrying"');
  });

  it('links the campaign to its builder and the contact to its page', () => {
    const html = render([aDelivery('d1')]);
    expect(html).toContain('href="/campaigns/c0ffee00-0000-4000-8000-000000000001"');
    expect(html).toContain('Welcome journey');
    expect(html).toContain('href="/contacts/ada00000-0000-4000-8000-000000000001"');
  });

  it('names the event of an event hook delivery instead of a campaign', () => {
    const html = render([aDelivery('d1', { campaignId: null, campaignName: null, nodeId: null, contactId: null, hookId: 'h1', event: 'contact_created' })]);
    expect(html).toContain('Event hook');
    expect(html).toContain('contact_created');
    expect(html).not.toContain('/campaigns/');
  });

  it('shows an error instead of a status when no answer came', () => {
    const html = render([aDelivery('d1', { status: 'failed', lastStatus: null, lastError: 'connect ECONNREFUSED' })]);
    expect(html).toContain('connect ECONNREFUSED');
    expect(html).toContain('answer--bad');
  });

  it('still renders the table, with the empty message, when there are no deliveries', () => {
    const html = render([], 'Nothing sent yet');
    expect(html).toContain('data-testid="deliveries-table"');
    expect(html).not.toContain('data-testid="delivery-row"');
    expect(html).toContain('Nothing sent yet');
  });
});
