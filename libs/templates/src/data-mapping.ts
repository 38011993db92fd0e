/**
 * Send a Webhook's "data mapping" body: rows of name -> merge field, or
 * name -> static value, sent as form or JSON (or as a GET query string).
 */
import { type CompiledTemplate, compileTemplate } from './compile';
import type { TemplateContext } from './context';
import { serializeForm } from './encodings/form-codec';
import type { FieldDefinition } from './fields';
import { assertOutputSize } from './text';

export type DataMappingRow =
  | { name: string; source: 'field'; field: string }
  | { name: string; source: 'value'; value: string };

export type BodyContentType = 'form' | 'json';

export interface CompiledDataMapping {
  readonly mergeFields: readonly string[];
  renderPairs(context: TemplateContext): Array<[string, string]>;
}

/**
 * `field` is a template (usually one `[Label]`, but `[First Name] [Last Name]`
 * works too), checked now; `value` is sent exactly as typed.
 */
export function compileDataMapping(
  rows: readonly DataMappingRow[],
  options: { fields?: readonly FieldDefinition[] } = {},
): CompiledDataMapping {
  const templates = new Map<DataMappingRow, CompiledTemplate>();
  for (const row of rows) {
    if (row.source === 'field') {
      templates.set(row, compileTemplate(row.field, { fields: options.fields, target: 'text' }));
    }
  }
  const mergeFields = [...new Set([...templates.values()].flatMap((t) => t.mergeFields))];
  return {
    mergeFields,
    renderPairs: (context) =>
      rows.map((row) => [
        row.name,
        row.source === 'value' ? row.value : (templates.get(row)?.render(context) ?? ''),
      ]),
  };
}

/**
 * The body for `contentType`. JSON: an object of strings (a repeated name keeps
 * its last value). Form: pairs in row order, repeated names kept.
 */
export function renderDataMapping(
  mapping: CompiledDataMapping,
  context: TemplateContext,
  contentType: BodyContentType,
): string {
  const pairs = mapping.renderPairs(context);
  if (contentType === 'form') return assertOutputSize(serializeForm(pairs));
  const body: Record<string, string> = Object.create(null);
  for (const [name, value] of pairs) body[name] = value;
  return assertOutputSize(JSON.stringify(body));
}
