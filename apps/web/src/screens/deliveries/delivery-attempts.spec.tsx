import { renderToStaticMarkup } from 'react-dom/server';
import type { DeliveryAttempt } from '../../api/deliveries';
import { DeliveryAttempts } from './delivery-attempts';

const request = {
  method: 'POST',
  url: 'https://crm.example.com/in',
  headers: [
    { name: 'content-type', value: 'application/x-www-form-urlencoded' },
    { name: 'authorization', value: 'Basic [redacted]' },
  ],
  body: 'First_Name=Tom+%26+Jerry&Email=tom%40example.com',
  timeoutMs: 10_000,
};

const attempts: DeliveryAttempt[] = [
  { attempt: 1, at: '2025-03-01T10:00:00.000Z', request, response: null, durationMs: 10_003, error: 'Timed out after 10000 ms' },
  {
    attempt: 2,
    at: '2025-03-01T10:00:20.000Z',
    request,
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true', bodyTruncated: true, durationMs: 42 },
    durationMs: 42.4,
    error: null,
  },
  {
    attempt: 3,
    at: '2025-03-01T10:05:00.000Z',
    request,
    response: { status: 500, headers: {}, durationMs: 8 },
    durationMs: 8,
    error: null,
  },
];

describe('DeliveryAttempts', () => {
  const html = renderToStaticMarkup(<DeliveryAttempts attempts={attempts} />);

  it('lists every attempt with its status, duration and error', () => {
    expect(html.match(/data-testid="delivery-attempt"/g)).toHaveLength(3);
    expect(html).toContain('Attempt 1');
    expect(html).toContain('No answer');
    expect(html).toContain('Timed out after 10000 ms');
    expect(html).toContain('200 OK');
    expect(html).toContain('42 ms');
    expect(html).toContain('500 Internal Server Error');
  });

  it('flags a truncated response body and says when the body was not logged', () => {
    expect(html).toContain('data-testid="body-truncated"');
    expect(html).toContain('Not logged');
  });

  it('decodes the form body the attempt sent, with redacted credentials as logged', () => {
    expect(html).toContain('data-testid="form-fields"');
    expect(html).toContain('Tom &amp; Jerry');
    expect(html).toContain('Basic [redacted]');
  });

  it('says so when nothing was attempted yet', () => {
    expect(renderToStaticMarkup(<DeliveryAttempts attempts={[]} />)).toContain('Not attempted yet');
  });
});
