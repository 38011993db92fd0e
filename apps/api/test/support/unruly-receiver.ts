import { once } from 'node:events';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the receiver treats one request. */
export type Behaviour =
  | { answer: number; headers?: Record<string, string>; body?: string }
  /** Answers after `afterMs`. */
  | { answer: number; afterMs: number }
  /** Answers 200 with a body of `bytes` bytes: a JSON object padded out. */
  | { hugeBody: number }
  /** Reads the request and never answers. */
  | 'hang'
  /** Resets the connection once the request is read. */
  | 'reset';

export type Arrival = { path: string; webhookId: string; at: number };

/**
 * A real HTTP receiver on 127.0.0.1 that misbehaves on purpose: per path, a
 * list of behaviours taken in turn (the last repeats). Records each request.
 */
export class UnrulyReceiver {
  readonly arrivals: Arrival[] = [];
  private readonly plans = new Map<string, Behaviour[]>();
  private readonly hanging = new Set<ServerResponse>();
  private constructor(private readonly server: Server) {}

  static async start(): Promise<UnrulyReceiver> {
    const server = createServer();
    const receiver = new UnrulyReceiver(server);
    server.on('request', (req, res) => {
      req.resume();
      req.on('end', () => {
        const path = (req.url ?? '/').split('?')[0];
        receiver.arrivals.push({
          path,
          webhookId: String(req.headers['webhook-id']),
          at: Date.now(),
        });
        const plan = receiver.plans.get(path) ?? [];
        receiver.behave((plan.length > 1 ? plan.shift() : plan[0]) ?? { answer: 200 }, res);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  on(path: string, ...behaviours: Behaviour[]): string {
    this.plans.set(path, behaviours);
    return `${this.url}${path}`;
  }

  at(path: string): Arrival[] {
    return this.arrivals.filter((arrival) => arrival.path === path);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private behave(behaviour: Behaviour, res: ServerResponse): void {
    if (behaviour === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (behaviour === 'reset') {
      res.socket?.resetAndDestroy();
      return;
    }
    if ('hugeBody' in behaviour) {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(behaviour.hugeBody),
      });
      const head = '{"id":"crm-1","padding":"';
      const tail = '"}';
      res.write(head);
      let left = behaviour.hugeBody - head.length - tail.length;
      const chunk = 'x'.repeat(64 * 1024);
      // The sender stops reading early and closes the connection: writing stops when it is gone.
      res.on('error', () => undefined);
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          const piece = chunk.slice(0, Math.min(chunk.length, left));
          left -= piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end(tail);
      };
      pump();
      return;
    }
    const answer = () => {
      res.writeHead(behaviour.answer, {
        'content-type': 'application/json',
        ...('headers' in behaviour ? behaviour.headers : {}),
      });
      res.end('body' in behaviour ? (behaviour.body ?? '') : '');
    };
    if ('afterMs' in behaviour) setTimeout(answer, behaviour.afterMs);
    else answer();
  }
}
