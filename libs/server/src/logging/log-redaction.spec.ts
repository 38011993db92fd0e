import { createLogger } from './create-logger';

/** What the logger writes for one call, parsed. */
function logged(fields: Record<string, unknown>): Record<string, unknown> {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', pretty: false }, 'test', {
    write: (line) => void lines.push(line),
  });
  logger.info(fields, 'line');
  return JSON.parse(lines[0]);
}

describe('REDACT_PATHS', () => {
  it.each([
    ['a field at the top', { password: 'p' }, { password: '[redacted]' }],
    [
      'a field one level down',
      { body: { apiKey: 'k', name: 'n' } },
      { body: { apiKey: '[redacted]', name: 'n' } },
    ],
    [
      'a webhook node config',
      { config: { auth: { type: 'basic', password: 'p' }, secret: 'whsec_x' } },
      { config: { auth: { type: 'basic', password: '[redacted]' }, secret: '[redacted]' } },
    ],
    ['a bearer token', { auth: { token: 't' } }, { auth: { token: '[redacted]' } }],
    [
      "pino-http's request headers",
      {
        req: {
          headers: {
            authorization: 'Bearer k',
            cookie: 'c',
            'x-csrf-token': 't',
            'webhook-signature': 's',
            accept: '*/*',
          },
        },
      },
      {
        req: {
          headers: {
            authorization: '[redacted]',
            cookie: '[redacted]',
            'x-csrf-token': '[redacted]',
            'webhook-signature': '[redacted]',
            accept: '*/*',
          },
        },
      },
    ],
    [
      'a response cookie',
      { res: { headers: { 'set-cookie': ['s=1'] } } },
      { res: { headers: { 'set-cookie': '[redacted]' } } },
    ],
    [
      'signing secrets of event hooks',
      { hook: { secret: 's', previous_secret: 'p' } },
      { hook: { secret: '[redacted]', previous_secret: '[redacted]' } },
    ],
  ])('hides %s', (_name, fields, expected) => {
    expect(logged(fields)).toMatchObject(expected);
  });

  it("hides a failed query's parameters and keeps the rest of the error", () => {
    const error = Object.assign(new Error('duplicate key'), {
      query: 'INSERT INTO sessions …',
      parameters: ['token-hash', 'csrf'],
    });
    expect(logged({ err: error })).toMatchObject({
      err: { message: 'duplicate key', query: 'INSERT INTO sessions …', parameters: '[redacted]' },
    });
  });
});
