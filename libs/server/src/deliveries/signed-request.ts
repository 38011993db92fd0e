import type { WebhookRequest } from '@tideway/engine';
import type { SendWebhookConfig } from '@tideway/graph';
import type { OutgoingRequest } from './http';
import { signatureHeaders } from './http';

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * What sending a delivery needs besides its rendered request: a Send a
 * Webhook node's config, or an event hook's (its secrets, both of them
 * during a rotation window). A SendWebhookConfig is one.
 */
export type DeliveryConfig = {
  auth?: SendWebhookConfig['auth'];
  secret?: string | readonly string[];
  timeoutMs?: number;
  logResponseBody?: boolean;
  saveResponse?: SendWebhookConfig['saveResponse'];
};

/**
 * A rendered request as it goes on the wire: plus the node's credentials and
 * the Standard Webhooks headers for this attempt. Unsigned requests still
 * carry webhook-id and webhook-timestamp, so receivers can dedupe retries.
 */
export function signedRequest(
  rendered: WebhookRequest,
  config: DeliveryConfig | null,
  webhookId: string,
  now: Date,
): OutgoingRequest {
  const { method, url, headers, body } = rendered;
  const added: { name: string; value: string }[] = [];
  const auth = config?.auth;
  if (auth?.type === 'basic') {
    added.push({ name: 'Authorization', value: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` });
  } else if (auth?.type === 'bearer') {
    added.push({ name: 'Authorization', value: `Bearer ${auth.token}` });
  }
  const timestamp = Math.floor(now.getTime() / 1000);
  if (config?.secret?.length) {
    added.push(...signatureHeaders(config.secret, webhookId, timestamp, body ?? ''));
  } else {
    added.push({ name: 'webhook-id', value: webhookId }, { name: 'webhook-timestamp', value: String(timestamp) });
  }
  return {
    method,
    url,
    headers: [...headers, ...added],
    body: method === 'GET' ? null : body,
    timeoutMs: config?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}
