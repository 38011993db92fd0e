import { classifySendError, TargetRefusedError } from './send-error';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

/**
 * Errors the local receivers cannot produce on a machine without a network
 * (unreachable hosts, DNS failures, connect timeouts); the ones they can are
 * covered against real sockets in webhook-http-client.spec.ts.
 */
describe('classifySendError', () => {
  it.each([
    [
      'refused by the policy',
      new TargetRefusedError('10.0.0.1 is not a public address'),
      false,
      'refused',
    ],
    [
      'refused, wrapped by undici',
      Object.assign(new Error('fetch failed'), { cause: new TargetRefusedError('no') }),
      false,
      'refused',
    ],
    ['connect timeout', withCode('UND_ERR_CONNECT_TIMEOUT'), false, 'timeout'],
    ['TCP timeout', withCode('ETIMEDOUT'), false, 'timeout'],
    ['our deadline fired, whatever the error', withCode('UND_ERR_ABORTED'), true, 'timeout'],
    ['host unreachable', withCode('EHOSTUNREACH'), false, 'connect'],
    ['network unreachable', withCode('ENETUNREACH'), false, 'connect'],
    ['DNS: no such name', withCode('ENOTFOUND'), false, 'connect'],
    ['DNS: try again', withCode('EAI_AGAIN'), false, 'connect'],
    [
      'every address refused (AggregateError from happy eyeballs)',
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'x'),
      false,
      'connect',
    ],
    ['socket closed by the peer', withCode('UND_ERR_SOCKET', 'other side closed'), false, 'reset'],
    ['broken pipe', withCode('EPIPE'), false, 'reset'],
    [
      'bad HTTP from the peer',
      withCode('HPE_INVALID_CONSTANT', 'Expected HTTP/'),
      false,
      'protocol',
    ],
    [
      'a header undici will not send',
      withCode('UND_ERR_INVALID_ARG', 'invalid transfer-encoding header'),
      false,
      'protocol',
    ],
    ['not even an Error', 'boom', false, 'protocol'],
  ])('%s -> %s', (_what, error, timedOut, code) => {
    expect(classifySendError(error, timedOut).code).toBe(code);
  });

  it('says what happened, with the code', () => {
    expect(
      classifySendError(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'), false)
        .message,
    ).toBe('connect ECONNREFUSED 127.0.0.1:9');
    expect(classifySendError(withCode('UND_ERR_SOCKET', 'other side closed'), false).message).toBe(
      'other side closed (UND_ERR_SOCKET)',
    );
  });
});
