// The webhook-campaign receiver, in a process of its own so that its work is
// not charged to the bench or to Tideway: `node receiver.mjs <prefix>` prints
// {"url": ...} when it listens on a loopback port, and stops on SIGTERM.
//
//   POST /hook      answers 200 at once; notes when the request arrived (Date.now(),
//                   the clock Tideway stamps entered_at with) and whose body it was,
//                   after checking the body holds that contact's three fields
//   GET  /_stats    {count, distinct, duplicates, bad, badExamples, first, last}
//   GET  /_arrivals {email: first arrival in ms since the epoch}
//   POST /_reset    forgets everything (between the baseline and Tideway)
import http from 'node:http';
import { checkForm } from './webhook-form.mjs';

const prefix = process.argv[2];
if (!prefix) throw new Error('usage: node receiver.mjs <email prefix>');

let arrivals;
let count;
let bad;
let badExamples;
let first;
let last;
function reset() {
  arrivals = new Map();
  count = 0;
  bad = 0;
  badExamples = [];
  first = null;
  last = null;
}
reset();

function record(at, contentType, body) {
  count++;
  first ??= at;
  last = at;
  const checked = checkForm(prefix, contentType, body);
  if (checked.error) {
    bad++;
    if (badExamples.length < 5) badExamples.push(checked.error);
    return;
  }
  const times = arrivals.get(checked.email);
  if (times) times.push(at);
  else arrivals.set(checked.email, [at]);
}

function stats() {
  return {
    count,
    distinct: arrivals.size,
    duplicates: count - bad - arrivals.size,
    bad,
    badExamples,
    first,
    last,
  };
}

function json(res, value) {
  const body = JSON.stringify(value);
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const at = Date.now();
  const route = `${req.method} ${req.url.split('?')[0]}`;
  if (route === 'POST /hook') {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      record(at, req.headers['content-type'], Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
      res.end('ok');
    });
    return;
  }
  req.resume();
  if (route === 'GET /_stats') return json(res, stats());
  if (route === 'GET /_arrivals')
    return json(res, Object.fromEntries([...arrivals].map(([email, times]) => [email, times[0]])));
  if (route === 'POST /_reset') {
    reset();
    return json(res, stats());
  }
  res.writeHead(404).end();
});
// Longer than any client's idle keep-alive, so that the server never closes a
// socket a sender is about to reuse (Node's default is 5 s).
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }));
});

const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
