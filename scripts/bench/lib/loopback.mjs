/** The benchmark talks to nothing but this machine: refuse a URL that points elsewhere. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function assertLoopback(url, name) {
  const { hostname } = new URL(url);
  if (!LOOPBACK.has(hostname)) {
    throw new Error(
      `${name} must point at 127.0.0.1 (the benchmark stays on this machine), not ${hostname}`,
    );
  }
  return url;
}
