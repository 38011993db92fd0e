import { redactHeaders } from './redact-headers';

describe('redactHeaders (what the delivery log and API show)', () => {
  it.each([
    ['Authorization', 'Basic dG9tOnNlY3JldA==', 'Basic [redacted]'],
    ['authorization', 'Bearer eyJhbGciOi.x.y', 'Bearer [redacted]'],
    ['Authorization', 'opaque-token-without-scheme', '[redacted]'],
    ['Proxy-Authorization', 'Basic dG9tOnNlY3JldA==', 'Basic [redacted]'],
    ['webhook-signature', 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=', '[redacted]'],
    ['Cookie', 'session=abc', '[redacted]'],
    ['X-Api-Key', 'k_123', '[redacted]'],
    ['X-API_KEY', 'k_123', '[redacted]'],
    ['apikey', 'k_123', '[redacted]'],
    ['X-Auth-Token', 't_123', '[redacted]'],
    ['X-Webhook-Secret', 's_123', '[redacted]'],
    ['X-Password', 'hunter2', '[redacted]'],
    ['Content-Type', 'application/json', 'application/json'],
    ['webhook-id', 'msg_1', 'msg_1'],
    ['webhook-timestamp', '1614265330', '1614265330'],
    ['User-Agent', 'Tideway-Webhooks/1', 'Tideway-Webhooks/1'],
  ])('%s: %s -> %s', (name, value, shown) => {
    expect(redactHeaders([{ name, value }])).toEqual([{ name, value: shown }]);
  });

  it('keeps order and repeated names, and leaves its input alone', () => {
    const headers = [
      { name: 'X-Tag', value: 'a' },
      { name: 'Cookie', value: 'a=1' },
      { name: 'X-Tag', value: 'b' },
    ];

    expect(redactHeaders(headers)).toEqual([
      { name: 'X-Tag', value: 'a' },
      { name: 'Cookie', value: '[redacted]' },
      { name: 'X-Tag', value: 'b' },
    ]);
    expect(headers[1].value).toBe('a=1');
  });
});
