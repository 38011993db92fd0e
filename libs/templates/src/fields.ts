/**
 * Merge fields: the `[Field Label]` names a marketer types, and where each one
 * reads its value in the render context (see context.ts).
 */

/** A custom contact field as defined in the workspace (`POST /api/v1/fields`). */
export interface FieldDefinition {
  key: string;
  label: string;
  type?: 'text' | 'number' | 'date' | 'boolean';
}

/** Where a merge field's value lives in the normalized render context. */
export type MergeFieldSource =
  | { kind: 'contact'; key: BuiltInContactKey }
  | { kind: 'customField'; key: string }
  | { kind: 'campaignName' }
  | { kind: 'today' };

export type BuiltInContactKey = 'id' | 'email' | 'firstName' | 'lastName' | 'phone';

export interface MergeField {
  label: string;
  source: MergeFieldSource;
}

export const BUILT_IN_MERGE_FIELDS: readonly MergeField[] = [
  { label: 'First Name', source: { kind: 'contact', key: 'firstName' } },
  { label: 'Last Name', source: { kind: 'contact', key: 'lastName' } },
  { label: 'Email', source: { kind: 'contact', key: 'email' } },
  { label: 'Phone', source: { kind: 'contact', key: 'phone' } },
  { label: 'Contact ID', source: { kind: 'contact', key: 'id' } },
  { label: 'Campaign Name', source: { kind: 'campaignName' } },
  { label: 'Date', source: { kind: 'today' } },
];

export const BUILT_IN_CONTACT_KEYS: readonly BuiltInContactKey[] = [
  'id',
  'email',
  'firstName',
  'lastName',
  'phone',
];

/**
 * Labels match ignoring case and runs of white space, so `[first  name]` is
 * `[First Name]`. The canonical label is the defined one.
 */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Built-ins first: a custom field cannot shadow `[Email]`. */
export class MergeFieldTable {
  private readonly byLabel = new Map<string, MergeField>();
  readonly customKeys: readonly string[];

  constructor(customFields: readonly FieldDefinition[] = []) {
    for (const field of BUILT_IN_MERGE_FIELDS) this.byLabel.set(normalizeLabel(field.label), field);
    for (const field of customFields) {
      const normalized = normalizeLabel(field.label);
      if (!this.byLabel.has(normalized)) {
        this.byLabel.set(normalized, {
          label: field.label,
          source: { kind: 'customField', key: field.key },
        });
      }
    }
    this.customKeys = customFields.map((field) => field.key);
  }

  find(label: string): MergeField | undefined {
    return this.byLabel.get(normalizeLabel(label));
  }
}
