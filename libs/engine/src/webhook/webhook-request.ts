import type { SendWebhookConfig } from '@tideway/graph';
import type { CompiledDataMapping, CompiledFormTemplate, CompiledTemplate, FieldDefinition, TemplateContext } from '@tideway/templates';
import { compileDataMapping, compileTemplate, mergeQuery, renderDataMapping } from '@tideway/templates';

/** The request a Send a Webhook step makes, before authentication and signing (added at send time). */
export interface WebhookRequest {
  method: 'POST' | 'GET';
  url: string;
  headers: Array<{ name: string; value: string }>;
  body: string | null;
}

/** A Send a Webhook node's templates, compiled once per revision. */
export interface CompiledWebhook {
  readonly config: SendWebhookConfig;
  render(context: TemplateContext): WebhookRequest;
}

const CONTENT_TYPES = { form: 'application/x-www-form-urlencoded', json: 'application/json' } as const;

/**
 * Each part is encoded for where it goes (libs/templates): the URL's merge
 * fields as URL components, header values without line breaks, post data as
 * form pairs or escaped JSON, and for GET the data as the query string,
 * merged with any query the URL already has.
 */
export function compileWebhook(config: SendWebhookConfig, fields: readonly FieldDefinition[]): CompiledWebhook {
  const url = compileTemplate(config.url, { fields, target: 'url' });
  const headers = (config.headers ?? []).map((header) => ({
    name: header.name,
    value: compileTemplate(header.value, { fields, target: 'header' }),
  }));
  const body = compileBody(config, fields);

  return {
    config,
    render(context) {
      const rendered: WebhookRequest = {
        method: config.method,
        url: url.render(context),
        headers: headers.map((header) => ({ name: header.name, value: header.value.render(context) })),
        body: null,
      };
      if (config.method === 'GET') {
        rendered.url = mergeQuery(rendered.url, body.pairs(context));
        return rendered;
      }
      rendered.body = body.text(context);
      if (!rendered.headers.some((header) => header.name.toLowerCase() === 'content-type')) {
        rendered.headers.unshift({ name: 'Content-Type', value: CONTENT_TYPES[config.contentType] });
      }
      return rendered;
    },
  };
}

type CompiledBody = {
  pairs(context: TemplateContext): Array<[string, string]>;
  text(context: TemplateContext): string;
};

function compileBody(config: SendWebhookConfig, fields: readonly FieldDefinition[]): CompiledBody {
  if (config.body.mode === 'mapping') {
    const mapping: CompiledDataMapping = compileDataMapping(config.body.fields, { fields });
    return {
      pairs: (context) => mapping.renderPairs(context),
      text: (context) => renderDataMapping(mapping, context, config.contentType),
    };
  }
  if (config.method === 'GET' || config.contentType === 'form') {
    const form: CompiledFormTemplate = compileTemplate(config.body.template, { fields, target: 'form' });
    return { pairs: (context) => form.renderPairs(context), text: (context) => form.render(context) };
  }
  const json: CompiledTemplate = compileTemplate(config.body.template, { fields, target: 'json' });
  return {
    pairs: () => [],
    text: (context) => json.render(context),
  };
}
