import type { SendWebhookConfig } from '@tideway/graph';
import type { TemplateTarget } from '@tideway/templates';
import { serializeForm } from '@tideway/templates';
import { isSavedSecret } from './saved-secrets';

export interface PreviewRequest {
  method: 'POST' | 'GET';
  url: string;
  headers: Array<{ name: string; value: string }>;
  body: string | null;
}

export type WebhookPreview = { ok: true; request: PreviewRequest } | { ok: false; message: string };

/** Renders one template for the chosen contact, encoded for `target` (POST /api/v1/templates/preview). */
export type RenderTemplate = (template: string, target: TemplateTarget) => Promise<string>;

const CONTENT_TYPES = { form: 'application/x-www-form-urlencoded', json: 'application/json' } as const;

/**
 * The exact request Send a Webhook would make, assembled the way the engine
 * does (libs/engine webhook-request.ts): URL, headers, then the body; for GET
 * the data joins the query string. Each template is rendered by `render`:
 * the server's preview route in the app (the page's Content Security Policy
 * rules out compiling Handlebars in the browser), the templates library in
 * tests. Authentication and signing are added at send time; shown masked.
 */
export async function previewWebhookRequest(config: SendWebhookConfig, render: RenderTemplate): Promise<WebhookPreview> {
  try {
    const request: PreviewRequest = {
      method: config.method,
      url: await render(config.url, 'url'),
      headers: await Promise.all(
        // A saved credential header is not in the browser: shown masked, as auth is.
        (config.headers ?? []).map(async (header) => ({
          name: header.name,
          value: isSavedSecret(header.value) ? '••••••' : await render(header.value, 'header'),
        })),
      ),
      body: null,
    };
    const body = config.body;
    const asForm = config.method === 'GET' || config.contentType === 'form';
    let encoded: string;
    if (body.mode === 'mapping') {
      const pairs = await Promise.all(
        body.fields.map(async (row): Promise<[string, string]> => [row.name, row.source === 'value' ? row.value : await render(row.field, 'text')]),
      );
      encoded = asForm ? serializeForm(pairs) : JSON.stringify(Object.fromEntries(pairs));
    } else {
      encoded = await render(body.template, asForm ? 'form' : 'json');
    }
    if (config.method === 'GET') {
      request.url = appendQuery(request.url, encoded);
    } else {
      request.body = encoded;
      if (!request.headers.some((header) => header.name.toLowerCase() === 'content-type')) {
        request.headers.unshift({ name: 'Content-Type', value: CONTENT_TYPES[config.contentType] });
      }
    }
    if (config.auth?.type === 'basic') request.headers.push({ name: 'Authorization', value: 'Basic ••••••' });
    if (config.auth?.type === 'bearer') request.headers.push({ name: 'Authorization', value: 'Bearer ••••••' });
    if (config.secret) {
      request.headers.push(
        { name: 'webhook-id', value: '(set when sent)' },
        { name: 'webhook-timestamp', value: '(set when sent)' },
        { name: 'webhook-signature', value: 'v1,••••••' },
      );
    }
    return { ok: true, request };
  } catch (thrown) {
    return { ok: false, message: thrown instanceof Error ? thrown.message : 'The request could not be rendered' };
  }
}

/** `url` with form-encoded `query` added to its query string, before any #fragment (as mergeQuery does). */
export function appendQuery(url: string, query: string): string {
  if (!query) return url;
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : url.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  const joiner = queryAt === -1 ? '?' : /[?&]$/.test(beforeHash) ? '' : '&';
  return `${beforeHash}${joiner}${query}${fragment}`;
}
