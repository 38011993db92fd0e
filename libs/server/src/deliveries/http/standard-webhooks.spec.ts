import { createHmac } from 'node:crypto';
import { generateSecret, signatureHeaders } from './standard-webhooks';

/**
 * The expectation is computed here from the spec's own words, not by the signer:
 * "the signature is the base64 HMAC-SHA256 of `${msg_id}.${timestamp}.${payload}`,
 * keyed with the base64-decoded secret (the part after `whsec_`), prefixed `v1,`".
 */
function specSignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.split('_')[1], 'base64');
  return (
    'v1,' +
    createHmac('sha256', key)
      .update(Buffer.from(`${id}.${timestamp}.${body}`, 'utf8'))
      .digest('base64')
  );
}

describe('signatureHeaders (Standard Webhooks)', () => {
  it("reproduces the spec's published example exactly", () => {
    const headers = signatureHeaders(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );

    expect(headers).toEqual([
      { name: 'webhook-id', value: 'msg_p5jXN8AQM9LWM0D4loKWxJek' },
      { name: 'webhook-timestamp', value: '1614265330' },
      { name: 'webhook-signature', value: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' },
    ]);
  });

  it('signs with every secret of a rotation window, space-separated, newest first', () => {
    const [next, previous] = [generateSecret(), generateSecret()];
    const headers = signatureHeaders([next, previous], 'msg_1', 1700000000, '{"a":1}');
    expect(headers.find((h) => h.name === 'webhook-signature')?.value).toBe(
      `${specSignature(next, 'msg_1', 1700000000, '{"a":1}')} ${specSignature(previous, 'msg_1', 1700000000, '{"a":1}')}`,
    );
  });

  it.each([
    ['a form body with awkward values', 'First_Name=Tom%20%26%20Jerry&Email=a%2Bb%40example.com'],
    ['a JSON body with non-ASCII text', '{"name":"日本 😀","note":"line\\nbreak"}'],
    ['an empty body (GET)', ''],
  ])('signs %s as an independent HMAC computes it', (_what, body) => {
    const secret = generateSecret();
    const id = 'd6f1c2a0-5b1e-4f7e-9c4a-2b1f0e9d8c7b';

    const signature = signatureHeaders(secret, id, 1732300000, body).find(
      (h) => h.name === 'webhook-signature',
    );

    expect(signature?.value).toBe(specSignature(secret, id, 1732300000, body));
  });

  it('signs the same with the whsec_ prefix left off, as the reference libraries do', () => {
    const secret = generateSecret();

    expect(signatureHeaders(secret.slice('whsec_'.length), 'msg_1', 1, 'x')).toEqual(
      signatureHeaders(secret, 'msg_1', 1, 'x'),
    );
  });

  it('refuses a secret with no key bytes', () => {
    expect(() => signatureHeaders('whsec_', 'msg_1', 1, 'x')).toThrow(/signing secret/);
  });
});

describe('generateSecret', () => {
  it('is whsec_ and the base64 of 32 random bytes', () => {
    const secret = generateSecret();

    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
  });
});
