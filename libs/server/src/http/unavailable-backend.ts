/**
 * Whether an error says that the database (or another backing service) could
 * not be reached or is restarting, rather than that the request or the code
 * is wrong. The API answers these 503 with Retry-After, since trying again in
 * a moment is the right move (a PostgreSQL restart lasts a second or so);
 * 500 stays for bugs.
 *
 * What counts: PostgreSQL's SQLSTATE class 08 (connection exception), 57P01
 * to 57P03 (shut down by an administrator, crashed, starting up) and 53300
 * (too many connections); node-postgres's own connection errors, which carry
 * no code; and socket errors. TypeORM wraps a driver's error as
 * `driverError`, Node as `cause`, and a connection tried on several
 * addresses fails as an AggregateError of each.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /Client was closed and is not queryable/,
];
/**
 * TypeORM releases a transaction's connection when the connection fails; the
 * transaction's next statement then fails with one of these instead of the
 * connection's error. (Every transaction here is awaited to its end, so
 * outside a lost connection they do not occur.)
 */
const RELEASED_CONNECTION_ERRORS = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
};

export function isBackendUnavailable(error: unknown): boolean {
  const pending: unknown[] = [error];
  for (let seen = 0; pending.length > 0 && seen < 10; seen++) {
    const next = pending.shift();
    if (next === null || typeof next !== 'object') continue;
    const layer = next as ErrorLike;
    const code = typeof layer.code === 'string' ? layer.code : '';
    if (SQLSTATES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code)) return true;
    if (typeof layer.name === 'string' && RELEASED_CONNECTION_ERRORS.has(layer.name)) return true;
    if (
      typeof layer.message === 'string' &&
      DRIVER_MESSAGES.some((pattern) => pattern.test(layer.message as string))
    )
      return true;
    if (layer.driverError !== undefined) pending.push(layer.driverError);
    if (layer.cause !== undefined) pending.push(layer.cause);
    if (Array.isArray(layer.errors)) pending.push(...layer.errors);
  }
  return false;
}
