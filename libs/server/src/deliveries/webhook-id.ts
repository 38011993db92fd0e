import { randomBytes } from 'node:crypto';

/** `msg_` + 128 random bits: the Standard Webhooks `webhook-id`, the same on every attempt and replay. */
export function newWebhookId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}
