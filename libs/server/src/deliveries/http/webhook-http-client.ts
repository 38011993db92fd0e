import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import type { Resolve } from './check-target';
import { checkTarget, defaultResolve, refusedAddress } from './check-target';
import type { OutgoingRequest, SendError, SendErrorCode, SendResult } from './outgoing-request';
import { parseRetryAfterMs } from './retry-after';
import { classifySendError, TargetRefusedError } from './send-error';
import type { TargetPolicy } from './target-policy';
import { isAllowedPrivate, isPublicAddress } from './target-policy';

export const MAX_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** What is read of a response: enough for any acknowledgement or value to save, bounded against huge or endless bodies. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
export const USER_AGENT = 'Tideway-Webhooks/1';

export type WebhookHttpClientOptions = { resolve?: Resolve; connectTimeoutMs?: number };

/**
 * Sends webhook attempts. One keep-alive undici Agent serves every target, and
 * its connections are only ever made to addresses that passed the SSRF policy
 * (OWASP SSRF Prevention Cheat Sheet):
 *
 * - `checkTarget` runs first, so a refused URL gets a clear reason and no socket;
 * - the Agent's `connect.lookup` resolves the name again, checks every address
 *   and hands exactly those to the socket, so a DNS answer that changed since
 *   the check (DNS rebinding) is refused rather than connected to. Node does not
 *   call `lookup` for IP literals; those were settled by `checkTarget` and
 *   cannot change;
 * - redirects are never followed (undici's `request` has no redirect handling
 *   unless an interceptor adds it), so a 3xx cannot point the client elsewhere.
 */
export class WebhookHttpClient {
  private readonly agent: Agent;
  private readonly resolve: Resolve;

  constructor(
    private readonly policy: TargetPolicy,
    options: WebhookHttpClientOptions = {},
  ) {
    this.resolve = options.resolve ?? defaultResolve;
    this.agent = new Agent({
      connect: {
        timeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        lookup: this.checkedLookup,
      },
    });
  }

  async send(request: OutgoingRequest): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const failed = (code: SendErrorCode, message: string): SendError => ({
      kind: 'error',
      code,
      message,
      durationMs: elapsed(),
    });
    // One deadline for the whole attempt: name resolution, connecting, headers and body.
    const timeoutMs = totalTimeoutMs(request.timeoutMs);
    const timedOut = `no complete response within ${timeoutMs} ms`;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error(timedOut)), timeoutMs);
    try {
      // A resolver that fails is a network problem worth retrying, not a policy refusal.
      let dnsFailed = false;
      const check = await checkTarget(request.url, this.policy, async (host) => {
        try {
          const addresses = await beforeDeadline(this.resolve(host), deadline.signal);
          if (addresses.length === 0) dnsFailed = true;
          return addresses;
        } catch (error) {
          dnsFailed = true;
          throw error;
        }
      });
      if (deadline.signal.aborted) return failed('timeout', timedOut);
      if (!check.ok) return failed(dnsFailed ? 'connect' : 'refused', check.reason);

      const response = await this.agent.request({
        origin: check.url.origin,
        path: check.url.pathname + check.url.search,
        method: request.method,
        headers: requestHeaders(request),
        body: request.body ?? undefined,
        signal: deadline.signal,
      });
      const body = await readCapped(response.body);
      // undici frees the connection for its pool a turn of the event loop after the body ends; a caller
      // sending again at once would otherwise open a second connection (and alternate between the two).
      if (!body.truncated) await nextTurn();
      const status = response.statusCode;
      const headers = flattenHeaders(response.headers);
      return {
        kind: 'response',
        status,
        headers,
        ...body,
        durationMs: elapsed(),
        retryAfterMs:
          status === 429 || status === 503
            ? parseRetryAfterMs(headers['retry-after'], Date.now())
            : null,
      };
    } catch (error) {
      const { code, message } = classifySendError(error, deadline.signal.aborted);
      return failed(code, code === 'timeout' && deadline.signal.aborted ? timedOut : message);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for attempts in flight, then closes every pooled connection. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  /** `net.connect`'s lookup: resolve, refuse if any address fails the policy, connect only to what was checked. */
  private readonly checkedLookup: LookupFunction = (hostname, options: LookupOptions, callback) => {
    this.resolve(hostname).then(
      (resolved) => {
        const wanted =
          options.family === 4 || options.family === 6
            ? resolved.filter((a) => a.family === options.family)
            : resolved;
        if (wanted.length === 0) {
          callback(
            Object.assign(new Error(`${hostname} has no usable address`), { code: 'ENOTFOUND' }),
            '',
          );
          return;
        }
        const refused = wanted.find(
          ({ address }) =>
            !isPublicAddress(address) && !isAllowedPrivate(hostname, address, this.policy),
        );
        if (refused) {
          callback(new TargetRefusedError(refusedAddress(hostname, refused.address)), '');
          return;
        }
        // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily), for one otherwise.
        if (options.all) callback(null, wanted as LookupAddress[]);
        else callback(null, wanted[0].address, wanted[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/** `work`, or the deadline's reason if it fires first (getaddrinfo itself cannot be cancelled). */
function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function totalTimeoutMs(requested: number): number {
  if (!Number.isFinite(requested) || requested <= 0) return MAX_TIMEOUT_MS;
  return Math.min(requested, MAX_TIMEOUT_MS);
}

/** The request's headers in order (names may repeat), with our User-Agent unless the request brings its own. */
function requestHeaders(request: OutgoingRequest): string[] {
  const flat = request.headers.flatMap(({ name, value }) => [name, value]);
  const hasAgent = request.headers.some(({ name }) => name.toLowerCase() === 'user-agent');
  return hasAgent ? flat : [...flat, 'user-agent', USER_AGENT];
}

/**
 * Reads at most MAX_RESPONSE_BYTES, then stops and destroys the stream: the
 * connection is dropped rather than drained, so a huge or endless body costs
 * one chunk past the cap, not the whole download.
 */
async function readCapped(
  body: Dispatcher.ResponseData['body'],
): Promise<{ body: string; bodyBytes: number; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    bytes += chunk.length;
    if (bytes > MAX_RESPONSE_BYTES) {
      truncated = true;
      break;
    }
  }
  body.destroy();
  const all = Buffer.concat(chunks);
  if (!truncated) return { body: all.toString('utf8'), bodyBytes: bytes, truncated };
  // StringDecoder.write keeps back a character cut in half by the cap instead of emitting U+FFFD.
  return {
    body: new StringDecoder('utf8').write(all.subarray(0, MAX_RESPONSE_BYTES)),
    bodyBytes: bytes,
    truncated,
  };
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
