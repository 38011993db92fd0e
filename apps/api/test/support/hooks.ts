import { createHmac } from 'node:crypto';
import type { Received } from './receiver';
import type { TestWorkspace } from './test-app';

/** Factories and independent decoders for the event hook specs. */

export type HookAttributes = { target_url: string; event: string; resource_id?: string; content_type?: 'json' | 'form' };

export async function aHook(ws: TestWorkspace, attributes: HookAttributes): Promise<{ id: string; secret: string }> {
  const res = await ws.client.post('/api/v1/hooks', { data: { type: 'hooks', attributes } });
  if (res.status !== 201) throw new Error(`aHook: ${res.status} ${res.text}`);
  return { id: res.body.data.id, secret: res.body.data.attributes.secret };
}

/**
 * `a[b][0]=x` back into `{a: {b: ['x']}}`, written here from the convention
 * (Rails / PHP / qs), not with the encoder under test. Objects whose keys are
 * all indexes become arrays.
 */
export function parseBracketForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const [head, ...rest] = key.split('[');
    const path = [head, ...rest.map((part) => part.replace(/]$/, ''))];
    let node = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  const arrays = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, arrays(v)] as const);
    if (entries.length && entries.every(([k], i) => k === String(i))) return entries.map(([, v]) => v);
    return Object.fromEntries(entries);
  };
  return arrays(root) as Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are read loosely, as receivers do
export function decodeBody(request: Received): Record<string, any> {
  return String(request.headers['content-type']).startsWith('application/json')
    ? JSON.parse(request.body)
    : parseBracketForm(request.body);
}

/** Standard Webhooks, computed from the spec: base64 HMAC-SHA256 of `id.timestamp.body` keyed with the bytes after whsec_. */
export function expectedSignature(secret: string, request: Received): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${String(request.headers['webhook-id'])}.${String(request.headers['webhook-timestamp'])}.${request.body}`;
  return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

export function signaturesOf(request: Received): string[] {
  return String(request.headers['webhook-signature'] ?? '').split(' ').filter(Boolean);
}

/** The env of an app whose hooks post to receivers on 127.0.0.1, retrying fast. */
export const HOOK_ENV = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
  WEBHOOK_RETRY_BASE_MS: '20',
};
