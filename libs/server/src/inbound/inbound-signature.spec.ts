import { createHmac } from 'node:crypto';
import { verifySignature } from './inbound-signature';

const SECRET = `whsec_${Buffer.from('a key of thirty-two bytes, or so!').toString('base64')}`;
const NOW = new Date('2025-01-01T12:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
const BODY = Buffer.from('{"email":"ada@example.test"}');

/** Computed from the spec, independently of the code under test. */
function sign(id: string, timestamp: number, body: Buffer, secret = SECRET): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body.toString()}`).digest('base64')}`;
}

describe('verifySignature (Standard Webhooks)', () => {
  const check = (headers: { id?: string; timestamp?: string; signature?: string }, body = BODY) =>
    verifySignature(
      SECRET,
      { id: headers.id, timestamp: headers.timestamp, signature: headers.signature },
      body,
      NOW,
    );

  it('accepts a signature over id, timestamp and the raw body, among several', () => {
    expect(check({ id: 'msg_1', timestamp: String(T), signature: sign('msg_1', T, BODY) })).toEqual(
      { ok: true },
    );
    expect(
      check({
        id: 'msg_1',
        timestamp: String(T),
        signature: `v1,bm9wZQ== ${sign('msg_1', T, BODY)}`,
      }),
    ).toEqual({ ok: true });
    expect(
      check({ id: 'msg_1', timestamp: String(T - 299), signature: sign('msg_1', T - 299, BODY) }),
    ).toEqual({ ok: true });
  });

  it.each([
    ['no headers', {}],
    ['another id', { id: 'msg_2', timestamp: String(T), signature: sign('msg_1', T, BODY) }],
    [
      'another key',
      {
        id: 'msg_1',
        timestamp: String(T),
        signature: sign('msg_1', T, BODY, `whsec_${Buffer.alloc(32).toString('base64')}`),
      },
    ],
    [
      'another version',
      {
        id: 'msg_1',
        timestamp: String(T),
        signature: sign('msg_1', T, BODY).replace('v1,', 'v2,'),
      },
    ],
    [
      'a stale timestamp',
      { id: 'msg_1', timestamp: String(T - 301), signature: sign('msg_1', T - 301, BODY) },
    ],
    [
      'a future timestamp',
      { id: 'msg_1', timestamp: String(T + 301), signature: sign('msg_1', T + 301, BODY) },
    ],
    [
      'a timestamp that is not a number',
      { id: 'msg_1', timestamp: 'soon', signature: sign('msg_1', T, BODY) },
    ],
  ])('refuses %s', (_name, headers) => {
    expect(check(headers).ok).toBe(false);
  });

  it('refuses a body changed after signing', () => {
    expect(
      check(
        { id: 'msg_1', timestamp: String(T), signature: sign('msg_1', T, BODY) },
        Buffer.from('{"email":"eve@example.test"}'),
      ).ok,
    ).toBe(false);
  });
});
