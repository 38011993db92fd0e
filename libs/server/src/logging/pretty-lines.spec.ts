import { prettyLine } from './pretty-lines';

const line = (entry: Record<string, unknown>) =>
  JSON.stringify({
    level: 'info',
    time: '2026-11-23T12:03:04.567Z',
    pid: 1,
    hostname: 'h',
    name: 'api',
    ...entry,
  });

describe('prettyLine', () => {
  it('shows time, level, context and message, then the other fields', () => {
    expect(
      prettyLine(
        line({ level: 'error', context: 'StepRunner', enrollmentId: 'e1', msg: 'step failed' }),
      ),
    ).toBe('12:03:04.567 ERROR [StepRunner] step failed  enrollmentId=e1');
  });

  it('shows a request as method, URL, status and time', () => {
    expect(
      prettyLine(
        line({
          requestId: 'r1',
          req: { method: 'GET', url: '/api/v1/contacts', headers: {} },
          res: { statusCode: 200 },
          responseTime: 12,
          msg: 'request completed',
        }),
      ),
    ).toBe('12:03:04.567 INFO  [http] GET /api/v1/contacts 200 12ms  requestId=r1');
  });

  it("indents an error's stack under its line", () => {
    expect(
      prettyLine(line({ err: { message: 'boom', stack: 'Error: boom\n    at x' }, msg: 'failed' })),
    ).toBe('12:03:04.567 INFO  failed\n    Error: boom\n        at x');
  });

  it('colours the level word for a terminal', () => {
    expect(prettyLine(line({ level: 'warn', msg: 'm' }), true)).toContain(
      '\u001b[33mWARN \u001b[39m',
    );
  });

  it('passes a line that is not JSON through', () => {
    expect(prettyLine('plain text\n')).toBe('plain text');
  });
});
