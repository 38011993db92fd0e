import type { FieldDefinition } from '@tideway/templates';

/**
 * A rendered template is text; a custom field of type number, boolean or
 * date stores its own kind. Text that does not fit the type is stored as
 * null, so a bad template cannot put a word into a number field.
 */
export function coerceFieldValue(field: string, rendered: string, fields: readonly FieldDefinition[]): unknown {
  const definition = fields.find((candidate) => candidate.key === field);
  const text = rendered.trim();
  switch (definition?.type) {
    case 'number': {
      const number = Number(text);
      return text !== '' && Number.isFinite(number) ? number : null;
    }
    case 'boolean':
      if (/^(true|yes|1)$/i.test(text)) return true;
      if (/^(false|no|0)$/i.test(text)) return false;
      return null;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text)) ? text : null;
    default:
      return rendered;
  }
}
