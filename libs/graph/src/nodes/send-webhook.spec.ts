import { sendWebhookConfigSchema } from '../index';
import { VALID_CONFIGS } from '../testing/factories';

const base = VALID_CONFIGS['action.sendWebhook'];
// 32 random bytes, base64.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=';

describe('action.sendWebhook config', () => {
  it.each([
    ['the ONTRAPORT post data', {}],
    [
      'a JSON template',
      { contentType: 'json', body: { mode: 'postData', template: '{"email": "[Email]"}' } },
    ],
    ['a GET', { method: 'GET' }],
    [
      'a data mapping',
      {
        body: {
          mode: 'mapping',
          fields: [
            { name: 'fn', source: 'field', field: '[First Name]' },
            { name: 'src', source: 'value', value: 'tideway' },
          ],
        },
      },
    ],
    ['templated headers', { headers: [{ name: 'X-Contact', value: '[Contact ID]' }] }],
    ['no auth', { auth: { type: 'none' } }],
    ['Basic auth', { auth: { type: 'basic', username: 'u', password: 'p' } }],
    ['Bearer auth', { auth: { type: 'bearer', token: 't0ken' } }],
    ['a signing secret', { secret: SECRET }],
    [
      'every option',
      {
        timeoutMs: 30_000,
        maxAttempts: 5,
        logResponseBody: true,
        onFailure: 'stop',
        saveResponse: { path: 'data.id', field: 'crm_id' },
      },
    ],
    [
      'plain http (allowed per host by the operator, not here)',
      { url: 'http://127.0.0.1:8080/hook' },
    ],
    ['a merge field in the path', { url: 'https://crm.example.com/contacts/[Contact ID]' }],
  ])('accepts %s', (_name, overrides) => {
    expect(
      sendWebhookConfigSchema.safeParse({ ...base, ...overrides }).error?.issues,
    ).toBeUndefined();
  });

  it.each([
    ['no URL', { url: '' }, 'url'],
    ['a URL without a scheme', { url: 'crm.example.com/hook' }, 'url'],
    ['another scheme', { url: 'ftp://crm.example.com' }, 'url'],
    ['a merge field as the host', { url: 'https://[Email]' }, undefined],
    ['PUT', { method: 'PUT' }, 'method'],
    ['xml', { contentType: 'xml' }, 'contentType'],
    ['an unknown body mode', { body: { mode: 'raw', template: '' } }, 'body.mode'],
    [
      'a mapping row without a name',
      { body: { mode: 'mapping', fields: [{ name: '', source: 'value', value: 'x' }] } },
      'body.fields[0].name',
    ],
    ['a header name with a space', { headers: [{ name: 'X Bad', value: '1' }] }, 'headers[0].name'],
    [
      'Basic auth without a user',
      { auth: { type: 'basic', username: '', password: 'p' } },
      'auth.username',
    ],
    [
      'Basic auth with ":" in the user',
      { auth: { type: 'basic', username: 'a:b', password: 'p' } },
      'auth.username',
    ],
    ['an unknown auth type', { auth: { type: 'digest' } }, 'auth.type'],
    ['a secret without whsec_', { secret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'secret'],
    ['a secret too short', { secret: 'whsec_c2hvcnQ=' }, 'secret'],
    ['a timeout over 30 s', { timeoutMs: 30_001 }, 'timeoutMs'],
    ['a fractional timeout', { timeoutMs: 1000.5 }, 'timeoutMs'],
    ['zero attempts', { maxAttempts: 0 }, 'maxAttempts'],
    ['onFailure retry', { onFailure: 'retry' }, 'onFailure'],
    ['saveResponse without a field', { saveResponse: { path: 'id' } }, 'saveResponse.field'],
    ['an unknown option', { retries: 3 }, ''],
  ])('refuses %s', (_name, overrides, path) => {
    const result = sendWebhookConfigSchema.safeParse({ ...base, ...overrides });
    if (path === undefined) {
      // A merge field as the whole host passes the shape check; the SSRF guard judges the rendered URL.
      expect(result.success).toBe(true);
      return;
    }
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) =>
      issue.path
        .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
        .join('')
        .replace(/^\./, '')
        .replace(/\.\[/g, '['),
    );
    expect(paths).toContain(path);
  });
});
