import { apiRequest } from './client';

export type FieldType = 'text' | 'number' | 'date' | 'boolean';
export const FIELD_TYPES: readonly FieldType[] = ['text', 'number', 'date', 'boolean'];

/** A custom contact field; its label is the merge-field name (`[Favourite Colour]`). */
export interface CustomField {
  id: string;
  key: string;
  label: string;
  type: FieldType;
}

export type NewCustomField = Omit<CustomField, 'id'>;

const FIELDS = '/api/v1/fields';

export const listFields = (signal?: AbortSignal) =>
  apiRequest<{ data: CustomField[] }>('GET', FIELDS, { signal }).then((answer) => answer.data);

export const createField = (field: NewCustomField) => apiRequest<CustomField>('POST', FIELDS, { json: field });
