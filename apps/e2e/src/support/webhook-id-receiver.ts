import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type WebhookIdReceiver = {
  url: string;
  /** Every webhook-id each contact (by the form field Email) was sent under. */
  idsByEmail: Map<string, Set<string>>;
  /** Requests received, redeliveries included. */
  requests(): number;
  /** How long the receiver takes to answer from now on. */
  answerAfter(ms: number): void;
  close(): Promise<void>;
};

/**
 * A real receiver on 127.0.0.1 for Send a Webhook (form body `Email=[Email]`)
 * that remembers, per contact, the webhook-id of every request. It answers
 * 200 after `delayMs`, so that deliveries are in flight when a fault strikes.
 */
export async function startWebhookIdReceiver(delayMs = 10): Promise<WebhookIdReceiver> {
  const idsByEmail = new Map<string, Set<string>>();
  let requests = 0;
  let answerAfterMs = delayMs;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests++;
      const email = new URLSearchParams(body).get('Email') ?? '';
      const ids = idsByEmail.get(email) ?? new Set<string>();
      ids.add(String(req.headers['webhook-id']));
      idsByEmail.set(email, ids);
      setTimeout(() => res.writeHead(200).end('ok'), answerAfterMs);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    idsByEmail,
    requests: () => requests,
    answerAfter: (ms) => {
      answerAfterMs = ms;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
