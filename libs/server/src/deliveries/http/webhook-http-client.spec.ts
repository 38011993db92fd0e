import { checkTarget } from './check-target';
import type { Receiver } from './local-receiver.fixture';
import { closedPort, startReceiver, startTcpServer } from './local-receiver.fixture';
import type { OutgoingRequest } from './outgoing-request';
import { PUBLIC_V4, REFUSED_TARGETS, SSRF_POLICY, testResolve } from './ssrf-cases.fixture';
import type { TargetPolicy } from './target-policy';
import { MAX_RESPONSE_BYTES, WebhookHttpClient } from './webhook-http-client';

/** Local receivers are allowed the way an operator allows them: WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOWED_PRIVATE_HOSTS. */
const LOCAL: TargetPolicy = { allowHttp: true, allowedPrivateHosts: ['127.0.0.1', 'localhost'] };

const aRequest = (url: string, overrides: Partial<OutgoingRequest> = {}): OutgoingRequest => ({
  method: 'POST',
  url,
  headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
  body: 'First_Name=Tom&Email=tom%40example.com',
  timeoutMs: 5_000,
  ...overrides,
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

function aClient(policy: TargetPolicy = LOCAL, resolve = testResolve): WebhookHttpClient {
  const client = new WebhookHttpClient(policy, { resolve });
  cleanups.push(() => client.close());
  return client;
}

async function aReceiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const receiver = await startReceiver(...args);
  cleanups.push(() => receiver.close());
  return receiver;
}

async function aTcpServer(...args: Parameters<typeof startTcpServer>) {
  const server = await startTcpServer(...args);
  cleanups.push(() => server.close());
  return server;
}

describe('WebhookHttpClient', () => {
  describe('refuses at send time, without connecting,', () => {
    it.each(REFUSED_TARGETS)('$url ($is)', async ({ url, reason, policy }) => {
      // The gate first: a row checkTarget allowed could make the client connect to a non-loopback address.
      expect((await checkTarget(url, policy ?? SSRF_POLICY, testResolve)).ok).toBe(false);

      const result = await aClient(policy ?? SSRF_POLICY).send(aRequest(url));

      expect(result).toEqual({
        kind: 'error',
        code: 'refused',
        message: expect.stringMatching(reason),
        durationMs: expect.any(Number),
      });
    });

    it('a name that turned private between the check and the connection (DNS rebinding)', async () => {
      const receiver = await aReceiver();
      let answers = 0;
      // First answer (the check) public, every later one (the connection) loopback.
      const rebinding = async () => [
        { address: answers++ === 0 ? PUBLIC_V4 : '127.0.0.1', family: 4 },
      ];

      const result = await aClient(SSRF_POLICY, rebinding).send(
        aRequest(`http://rebind.test:${receiver.port}/`),
      );

      expect(result).toMatchObject({
        kind: 'error',
        code: 'refused',
        message: expect.stringMatching(/rebind\.test \(127\.0\.0\.1\)/),
      });
      expect(answers).toBe(2);
      expect(receiver.connections).toBe(0);
    });
  });

  it('posts the request and returns the response', async () => {
    const receiver = await aReceiver((_request, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('X-Trace', ['a', 'b']);
      res.end('{"id":42,"name":"日本"}');
    });

    const result = await aClient().send(
      aRequest(`${receiver.url}/hooks/in?src=tideway`, {
        headers: [
          { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
          { name: 'X-Tag', value: 'one' },
          { name: 'X-Tag', value: 'two' },
        ],
      }),
    );

    expect(result).toEqual({
      kind: 'response',
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json', 'x-trace': 'a, b' }),
      body: '{"id":42,"name":"日本"}',
      bodyBytes: Buffer.byteLength('{"id":42,"name":"日本"}'),
      truncated: false,
      durationMs: expect.any(Number),
      retryAfterMs: null,
    });
    expect(receiver.requests).toEqual([
      {
        method: 'POST',
        url: '/hooks/in?src=tideway',
        body: 'First_Name=Tom&Email=tom%40example.com',
        headers: expect.objectContaining({
          'content-type': 'application/x-www-form-urlencoded',
          'x-tag': 'one, two',
          'user-agent': 'Tideway-Webhooks/1',
        }),
      },
    ]);
  });

  it('sends a GET without a body and keeps a User-Agent the request sets', async () => {
    const receiver = await aReceiver();

    await aClient().send(
      aRequest(`${receiver.url}/?a=1`, {
        method: 'GET',
        body: null,
        headers: [{ name: 'user-agent', value: 'Mine/2' }],
      }),
    );

    expect(receiver.requests).toEqual([
      {
        method: 'GET',
        url: '/?a=1',
        body: '',
        headers: expect.objectContaining({ 'user-agent': 'Mine/2' }),
      },
    ]);
    expect(receiver.requests[0].headers['content-length']).toBeUndefined();
  });

  it('connects through its own checked lookup to a listed name (the name exists only in the injected resolver)', async () => {
    const receiver = await aReceiver();

    const result = await aClient({ allowHttp: true, allowedPrivateHosts: ['receiver.test'] }).send(
      aRequest(`http://receiver.test:${receiver.port}/`),
    );

    expect(result).toMatchObject({ kind: 'response', status: 200 });
    expect(receiver.requests[0].headers.host).toBe(`receiver.test:${receiver.port}`);
  });

  it('connects to a loopback address listed as a CIDR', async () => {
    const receiver = await aReceiver();

    const result = await aClient({ allowHttp: true, allowedPrivateHosts: ['127.0.0.0/8'] }).send(
      aRequest(receiver.url),
    );

    expect(result).toMatchObject({ kind: 'response', status: 200 });
  });

  it('resolves localhost for real when it is listed', async () => {
    const receiver = await aReceiver();

    const result = await aClient().send(aRequest(`http://localhost:${receiver.port}/`));

    expect(result).toMatchObject({ kind: 'response', status: 200 });
  });

  it('returns a 302 as the response and does not follow its Location', async () => {
    const elsewhere = await aReceiver();
    const redirecting = await aReceiver((_request, res) => {
      res.writeHead(302, { Location: `${elsewhere.url}/stolen` }).end();
    });

    const result = await aClient().send(aRequest(redirecting.url));

    expect(result).toMatchObject({
      kind: 'response',
      status: 302,
      headers: { location: `${elsewhere.url}/stolen` },
    });
    expect(elsewhere.connections).toBe(0);
    expect(elsewhere.requests).toEqual([]);
  });

  it('reads only the first 64 KB of a 5 MB response and stops', async () => {
    const total = 5 * 1024 * 1024;
    const receiver = await aReceiver((_request, res) => {
      res.writeHead(200, { 'Content-Length': total });
      res.end(Buffer.alloc(total, 'x'));
    });

    const result = await aClient().send(aRequest(receiver.url));

    expect(result).toMatchObject({
      kind: 'response',
      status: 200,
      truncated: true,
      body: 'x'.repeat(MAX_RESPONSE_BYTES),
    });
    if (result.kind !== 'response') throw new Error('expected a response');
    expect(result.bodyBytes).toBeGreaterThan(MAX_RESPONSE_BYTES);
    expect(result.bodyBytes).toBeLessThanOrEqual(2 * MAX_RESPONSE_BYTES);
    expect(result.durationMs).toBeLessThan(1_000);
  });

  it('stops reading a response that never ends', async () => {
    const receiver = await aReceiver((_request, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 'y');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });

    const result = await aClient().send(aRequest(receiver.url, { timeoutMs: 10_000 }));

    expect(result).toMatchObject({ kind: 'response', truncated: true });
    expect(result.durationMs).toBeLessThan(1_000);
  });

  it('keeps a multi-byte character cut by the cap out of the body', async () => {
    // 65535 ASCII bytes then "é" (2 bytes): the cap falls inside the character.
    const receiver = await aReceiver((_request, res) =>
      res.end('a'.repeat(MAX_RESPONSE_BYTES - 1) + 'é'.repeat(1000)),
    );

    const result = await aClient().send(aRequest(receiver.url));

    expect(result).toMatchObject({
      kind: 'response',
      truncated: true,
      body: 'a'.repeat(MAX_RESPONSE_BYTES - 1),
    });
  });

  describe('Retry-After, for 429 and 503 only', () => {
    it.each([
      [429, '2', 2_000],
      [503, '2', 2_000],
      [503, '86400', 60 * 60 * 1000],
      [503, 'soon', null],
      [429, undefined, null],
      [500, '2', null],
      [301, '2', null],
    ])('%i with Retry-After %p -> retryAfterMs %p', async (status, retryAfter, expected) => {
      const receiver = await aReceiver((_request, res) => {
        if (retryAfter !== undefined) res.setHeader('Retry-After', retryAfter);
        res.writeHead(status).end();
      });

      const result = await aClient().send(aRequest(receiver.url));

      expect(result).toMatchObject({ kind: 'response', status, retryAfterMs: expected });
    });

    it('reads an HTTP date', async () => {
      const receiver = await aReceiver((_request, res) => {
        res.writeHead(429, { 'Retry-After': new Date(Date.now() + 10_000).toUTCString() }).end();
      });

      const result = await aClient().send(aRequest(receiver.url));

      if (result.kind !== 'response') throw new Error(`expected a response, got ${result.message}`);
      // HTTP dates have whole seconds, so up to one second of the ten is lost.
      expect(result.retryAfterMs).toBeGreaterThanOrEqual(8_000);
      expect(result.retryAfterMs).toBeLessThanOrEqual(10_000);
    });
  });

  it('reuses one kept-alive connection for sequential sends', async () => {
    const receiver = await aReceiver();
    const client = aClient();

    const first = await client.send(aRequest(receiver.url));
    const second = await client.send(aRequest(receiver.url));

    expect([first.kind, second.kind]).toEqual(['response', 'response']);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.connections).toBe(1);
  });

  describe('names what went wrong when there is no response', () => {
    it('timeout: no response headers within timeoutMs', async () => {
      const receiver = await aReceiver(() => undefined /* never answers */);

      const result = await aClient().send(aRequest(receiver.url, { timeoutMs: 200 }));

      expect(result).toMatchObject({
        kind: 'error',
        code: 'timeout',
        message: 'no complete response within 200 ms',
      });
      expect(result.durationMs).toBeGreaterThanOrEqual(190);
      expect(result.durationMs).toBeLessThan(2_000);
    });

    it('timeout: name resolution takes longer than timeoutMs', async () => {
      const hangingDns = () => new Promise<never>(() => undefined);

      const result = await aClient(LOCAL, hangingDns).send(
        aRequest('http://slow-dns.test/', { timeoutMs: 200 }),
      );

      expect(result).toMatchObject({
        kind: 'error',
        code: 'timeout',
        message: 'no complete response within 200 ms',
      });
    });

    it('timeout: the body does not finish within timeoutMs', async () => {
      const receiver = await aReceiver((_request, res) => {
        res.writeHead(200, { 'Content-Length': 100 });
        res.write('only part of it');
      });

      const result = await aClient().send(aRequest(receiver.url, { timeoutMs: 300 }));

      expect(result).toMatchObject({ kind: 'error', code: 'timeout' });
      expect(result.durationMs).toBeGreaterThanOrEqual(290);
    });

    it('reset: the server accepts the connection and resets it', async () => {
      const server = await aTcpServer((socket) =>
        socket.once('data', () => socket.resetAndDestroy()),
      );

      const result = await aClient().send(aRequest(server.url));

      expect(result).toMatchObject({ kind: 'error', code: 'reset' });
    });

    it('reset: the server closes the connection without answering', async () => {
      const server = await aTcpServer((socket) => socket.once('data', () => socket.end()));

      const result = await aClient().send(aRequest(server.url));

      expect(result).toMatchObject({ kind: 'error', code: 'reset' });
    });

    it('connect: nothing listens on the port', async () => {
      const port = await closedPort();

      const result = await aClient().send(aRequest(`http://127.0.0.1:${port}/`));

      expect(result).toMatchObject({
        kind: 'error',
        code: 'connect',
        message: expect.stringContaining('ECONNREFUSED'),
      });
    });

    it('connect: the name does not resolve (worth retrying, unlike a refusal)', async () => {
      const result = await aClient().send(aRequest('http://nowhere.invalid/'));

      expect(result).toMatchObject({
        kind: 'error',
        code: 'connect',
        message: 'could not resolve nowhere.invalid (ENOTFOUND)',
      });
    });

    it('protocol: the server does not speak HTTP', async () => {
      const server = await aTcpServer((socket) =>
        socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n')),
      );

      const result = await aClient().send(aRequest(server.url));

      expect(result).toMatchObject({ kind: 'error', code: 'protocol' });
    });
  });
});
