import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { isBackendUnavailable } from './unavailable-backend';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isBackendUnavailable', () => {
  it.each([
    ['PostgreSQL starting up (57P03)', withCode('the database system is starting up', '57P03')],
    [
      'PostgreSQL shutting down (57P01), wrapped by TypeORM',
      new QueryFailedError(
        'SELECT 1',
        [],
        withCode('terminating connection due to administrator command', '57P01'),
      ),
    ],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['node-postgres losing its connection', new Error('Connection terminated unexpectedly')],
    ['the pool timing out on connect', new Error('timeout exceeded when trying to connect')],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    [
      'a refusal on every address',
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')]),
    ],
    [
      'a statement after its transaction lost the connection',
      new QueryRunnerAlreadyReleasedError(),
    ],
    [
      'a query through a connection already released',
      new QueryRunnerProviderAlreadyReleasedError(),
    ],
    ['pg after the connection closed', new Error('Client was closed and is not queryable')],
    [
      'a reset, as the cause',
      new Error('query failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
    ],
  ])('%s: yes', (_name, error) => {
    expect(isBackendUnavailable(error)).toBe(true);
  });

  it.each([
    [
      'a unique violation (23505)',
      new QueryFailedError('INSERT', [], withCode('duplicate key value', '23505')),
    ],
    ['a syntax error (42601)', withCode('syntax error at or near "SELEC"', '42601')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'boom'],
  ])('%s: no', (_name, error) => {
    expect(isBackendUnavailable(error)).toBe(false);
  });
});
