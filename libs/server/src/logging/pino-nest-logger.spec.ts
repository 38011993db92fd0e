import { ConsoleLogger, Logger } from '@nestjs/common';
import { createLogger } from './create-logger';
import { PinoNestLogger, requestLogger } from './pino-nest-logger';

describe('PinoNestLogger', () => {
  const lines: Record<string, unknown>[] = [];
  const root = createLogger({ level: 'trace', pretty: false }, 'test', {
    write: (line) => void lines.push(JSON.parse(line)),
  });
  const last = () => lines[lines.length - 1];

  beforeAll(() => Logger.overrideLogger(new PinoNestLogger(root)));
  afterAll(() => Logger.overrideLogger(new ConsoleLogger()));
  beforeEach(() => (lines.length = 0));

  const logger = new Logger('StepRunner');

  it.each<[string, () => void, Record<string, unknown>]>([
    [
      'a message',
      () => logger.log('started'),
      { level: 'info', context: 'StepRunner', msg: 'started' },
    ],
    [
      'fields, then a message',
      () => logger.error({ enrollmentId: 'e1', campaignId: 'c1' }, 'step failed'),
      {
        level: 'error',
        context: 'StepRunner',
        enrollmentId: 'e1',
        campaignId: 'c1',
        msg: 'step failed',
      },
    ],
    [
      "Nest's error(message, stack)",
      () => logger.error('boom', 'Error: boom\n    at x'),
      { level: 'error', msg: 'boom', stack: 'Error: boom\n    at x' },
    ],
    [
      'an Error as the message',
      () => logger.warn(new Error('lost')),
      { level: 'warn', msg: 'lost', err: expect.objectContaining({ message: 'lost' }) },
    ],
    ['verbose, as trace', () => logger.verbose('detail'), { level: 'trace', msg: 'detail' }],
    [
      'a static call with a context',
      () => Logger.log('ready', 'Main'),
      { level: 'info', context: 'Main', msg: 'ready' },
    ],
    [
      "Nest's route mapping, as debug",
      () => new Logger('RouterExplorer').log('Mapped {/x, GET}'),
      { level: 'debug', context: 'RouterExplorer' },
    ],
  ])('logs %s', (_name, call, expected) => {
    call();
    expect(last()).toMatchObject(expected);
  });

  it("puts the request's id on what is logged while the request is handled", () => {
    requestLogger.run(root.child({ requestId: 'r-1' }), () =>
      logger.log({ userId: 'u1' }, 'signed in'),
    );
    expect(last()).toMatchObject({
      requestId: 'r-1',
      context: 'StepRunner',
      userId: 'u1',
      msg: 'signed in',
    });
    logger.log('outside');
    expect(last()).not.toHaveProperty('requestId');
  });

  it('writes nothing below the level', () => {
    const quiet = new PinoNestLogger(
      createLogger({ level: 'warn', pretty: false }, 'test', {
        write: (line) => void lines.push(JSON.parse(line)),
      }),
    );
    quiet.log('hidden', 'X');
    quiet.debug?.('hidden too', 'X');
    expect(lines).toEqual([]);
  });
});
