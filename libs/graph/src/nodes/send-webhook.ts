import { z } from 'zod';
import { defineNode, type TemplatedField } from '../node-definition';
import { fieldKeySchema, singleOutput } from './common';
import { truncate } from './actions';

/** Standard Webhooks: `whsec_` + base64 of 24 to 64 random bytes. */
const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

function base64ByteLength(encoded: string): number {
  const padding = encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0;
  return Math.floor((encoded.length * 3) / 4) - padding;
}

export const secretSchema = z
  .string()
  .regex(SECRET_PATTERN, 'A signing secret looks like whsec_<base64>')
  .refine((secret) => {
    const bytes = base64ByteLength(secret.slice('whsec_'.length));
    return bytes >= 24 && bytes <= 64;
  }, 'The secret must hold 24 to 64 bytes');

/** RFC 9110 token: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const MAX_WEBHOOK_TIMEOUT_MS = 30_000;
export const MAX_WEBHOOK_ATTEMPTS = 10;
const MAX_TEMPLATE = 64 * 1024;

const mappingRowSchema = z.discriminatedUnion('source', [
  z.strictObject({
    name: z.string().min(1, 'Name the field').max(200),
    source: z.literal('field'),
    field: z.string().trim().min(1, 'Choose a merge field').max(1000),
  }),
  z.strictObject({
    name: z.string().min(1, 'Name the field').max(200),
    source: z.literal('value'),
    value: z.string().max(MAX_TEMPLATE),
  }),
]);

export const webhookBodySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('postData'), template: z.string().max(MAX_TEMPLATE) }),
  z.strictObject({ mode: z.literal('mapping'), fields: z.array(mappingRowSchema).max(200) }),
]);

export const webhookAuthSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('basic'),
    username: z
      .string()
      .min(1, 'Enter a user name')
      .max(1000)
      .refine((u) => !u.includes(':'), 'A Basic auth user name cannot contain ":"'),
    password: z.string().max(1000),
  }),
  z.strictObject({
    type: z.literal('bearer'),
    token: z
      .string()
      .min(1, 'Enter a token')
      .max(8 * 1024),
  }),
]);

export const sendWebhookConfigSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .min(1, 'Enter the URL to send to')
    .max(2048)
    .regex(/^https?:\/\/[^/?#\s]+/i, 'The URL must start with https:// (or http://) and a host'),
  method: z.enum(['POST', 'GET']),
  contentType: z.enum(['form', 'json']),
  body: webhookBodySchema,
  headers: z
    .array(
      z.strictObject({
        name: z.string().regex(HEADER_NAME, 'Not a valid header name').max(200),
        value: z
          .string()
          .max(8 * 1024)
          // Rendered values have CR / LF replaced; the template's own text must not break the line either.
          .refine((value) => !/[\r\n\0]/.test(value), 'A header value cannot contain a line break'),
      }),
    )
    .max(50)
    .optional(),
  auth: webhookAuthSchema.optional(),
  secret: secretSchema.optional(),
  timeoutMs: z.number().int().min(100).max(MAX_WEBHOOK_TIMEOUT_MS).optional(),
  maxAttempts: z.number().int().min(1).max(MAX_WEBHOOK_ATTEMPTS).optional(),
  logResponseBody: z.boolean().optional(),
  onFailure: z.enum(['continue', 'stop']).optional(),
  saveResponse: z
    .strictObject({
      path: z.string().trim().min(1, 'Say which response value to save').max(500),
      field: fieldKeySchema,
    })
    .optional(),
});

export type SendWebhookConfig = z.output<typeof sendWebhookConfigSchema>;

function templatedFields(config: SendWebhookConfig): TemplatedField[] {
  const fields: TemplatedField[] = [{ path: 'config.url', source: config.url, target: 'url' }];
  if (config.body.mode === 'postData') {
    fields.push({
      path: 'config.body.template',
      source: config.body.template,
      target: config.method === 'GET' || config.contentType === 'form' ? 'form' : 'json',
    });
  } else {
    config.body.fields.forEach((row, index) => {
      if (row.source === 'field') {
        fields.push({
          path: `config.body.fields[${index}].field`,
          source: row.field,
          target: 'text',
        });
      }
    });
  }
  config.headers?.forEach((header, index) => {
    fields.push({ path: `config.headers[${index}].value`, source: header.value, target: 'header' });
  });
  return fields;
}

function summarize(config: SendWebhookConfig): string {
  const shape = config.method === 'GET' ? 'query' : config.contentType;
  return `${config.method} ${truncate(config.url, 60)} (${shape})`;
}

export const sendWebhookAction = defineNode({
  type: 'action.sendWebhook',
  group: 'action',
  label: 'Send a webhook',
  description: 'Sends contact data to another system as form post data or JSON.',
  icon: 'send',
  configSchema: sendWebhookConfigSchema,
  defaultConfig: {
    url: '',
    method: 'POST',
    contentType: 'form',
    body: { mode: 'postData', template: 'First_Name=[First Name]&Email=[Email]' },
  },
  outputs: singleOutput,
  summarize,
  templatedFields,
});
