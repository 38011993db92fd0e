// The webhook-campaign baseline, the job without durability: render each
// contact's form body and POST it with node:http through one keep-alive Agent,
// `concurrency` requests in flight. `node plain-post-loop.mjs <url> <count>
// <concurrency> <prefix>` prints {"perSec", ...} when every request has been
// answered, then idles until SIGTERM so that the bench can read its peak RSS.
import http from 'node:http';
import { person } from './people.mjs';
import { FORM_CONTENT_TYPE, renderForm } from './webhook-form.mjs';

const [url, countArg, concurrencyArg, prefix] = process.argv.slice(2);
const count = Number(countArg);
const concurrency = Number(concurrencyArg);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

// The contacts are data the job starts from (Tideway reads them from its database); the bodies are rendered per request.
const people = Array.from({ length: count }, (_, i) => person(prefix, i));

function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        method: 'POST',
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        headers: { 'content-type': FORM_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < count) await post(renderForm(people[next++]));
  }),
);
const ms = performance.now() - started;
agent.destroy();
console.log(JSON.stringify({ perSec: count / (ms / 1000), requests: count, concurrency, ms }));

// A timer keeps an otherwise idle process alive until the signal.
setInterval(() => undefined, 60_000);
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
