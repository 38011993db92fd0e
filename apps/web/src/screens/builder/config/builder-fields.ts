import { createContext, useContext } from 'react';
import type { CustomField } from '../../../api/fields';

/** The workspace's custom fields, which the config panels offer next to the built-in ones. */
export const CustomFieldsContext = createContext<readonly CustomField[]>([]);
export const useCustomFields = () => useContext(CustomFieldsContext);

export const BUILT_IN_FIELDS: readonly { key: string; label: string }[] = [
  { key: 'email', label: 'Email' },
  { key: 'firstName', label: 'First Name' },
  { key: 'lastName', label: 'Last Name' },
  { key: 'phone', label: 'Phone' },
];

export function contactFieldOptions(custom: readonly CustomField[]): { value: string; label: string }[] {
  return [
    ...BUILT_IN_FIELDS.map((field) => ({ value: field.key, label: field.label })),
    ...custom.map((field) => ({ value: field.key, label: `${field.label} (${field.key})` })),
  ];
}
