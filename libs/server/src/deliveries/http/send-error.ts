import type { SendErrorCode } from './outgoing-request';

/** Thrown from the connection's DNS lookup when an address fails the SSRF policy. */
export class TargetRefusedError extends Error {
  readonly code = 'ERR_WEBHOOK_TARGET_REFUSED';
  override readonly name = 'TargetRefusedError';
}

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'ENODATA',
]);

type ErrorLike = {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
};

/**
 * Names the failure of an attempt that got no response, for the delivery log
 * and the retry decision. Node and undici wrap errors (a `cause`, or an
 * AggregateError when several addresses were tried), so every layer is looked
 * at; the first recognised code wins. `timedOut` is true when the attempt's own
 * deadline fired, whatever the error then looked like.
 */
export function classifySendError(
  error: unknown,
  timedOut: boolean,
): { code: SendErrorCode; message: string } {
  const layers = errorLayers(error);
  const message = describe(layers);
  if (layers.some((layer) => layer.code === 'ERR_WEBHOOK_TARGET_REFUSED'))
    return { code: 'refused', message };
  if (timedOut) return { code: 'timeout', message };
  for (const layer of layers) {
    const code = typeof layer.code === 'string' ? layer.code : '';
    if (TIMEOUT_CODES.has(code) || layer.name === 'TimeoutError')
      return { code: 'timeout', message };
    if (RESET_CODES.has(code)) return { code: 'reset', message };
    if (CONNECT_CODES.has(code)) return { code: 'connect', message };
  }
  // What is left is the peer speaking bad HTTP (HPE_* parser errors, length mismatches) or a request undici would not send.
  return { code: 'protocol', message };
}

function errorLayers(error: unknown): ErrorLike[] {
  const layers: ErrorLike[] = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && layers.length < 10) {
    const next = pending.shift();
    if (next === null || typeof next !== 'object') continue;
    const layer = next as ErrorLike;
    layers.push(layer);
    if (Array.isArray(layer.errors)) pending.push(...layer.errors);
    if (layer.cause !== undefined) pending.push(layer.cause);
  }
  return layers;
}

function describe(layers: ErrorLike[]): string {
  const first = layers.find((layer) => typeof layer.message === 'string' && layer.message !== '');
  const code = layers.map((layer) => layer.code).find((value) => typeof value === 'string');
  const text = typeof first?.message === 'string' ? first.message : 'request failed';
  return code && !text.includes(code as string) ? `${text} (${code})` : text;
}
