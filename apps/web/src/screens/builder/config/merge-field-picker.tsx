import { BUILT_IN_MERGE_FIELDS } from '@tideway/templates';
import type { RefObject } from 'react';
import { useCustomFields } from './builder-fields';

type TextInput = HTMLInputElement | HTMLTextAreaElement;

/** `value` with `[Label]` put where the caret is (or over the selection), and where the caret goes next. */
export function insertAtCursor(value: string, label: string, start: number | null, end: number | null): { value: string; caret: number } {
  const token = `[${label}]`;
  const from = start ?? value.length;
  const to = end ?? from;
  return { value: value.slice(0, from) + token + value.slice(to), caret: from + token.length };
}

/** Inserts a merge field (`[First Name]`, built-ins and custom field labels) at the caret of the input it serves. */
export function MergeFieldPicker({
  inputRef,
  value,
  onChange,
  disabled,
  label = 'Insert merge field',
}: {
  inputRef: RefObject<TextInput | null>;
  value: string;
  onChange: (next: string) => void;
  disabled?: boolean;
  label?: string;
}) {
  const custom = useCustomFields();
  const labels = [...BUILT_IN_MERGE_FIELDS.map((field) => field.label), ...custom.map((field) => field.label)];
  return (
    <select
      className="input select input--inline merge-field-picker"
      aria-label={label}
      value=""
      disabled={disabled}
      data-testid="merge-field-picker"
      onChange={(event) => {
        const chosen = event.target.value;
        if (!chosen) return;
        const input = inputRef.current;
        const next = insertAtCursor(value, chosen, input?.selectionStart ?? null, input?.selectionEnd ?? null);
        onChange(next.value);
        requestAnimationFrame(() => {
          input?.focus();
          input?.setSelectionRange(next.caret, next.caret);
        });
      }}
    >
      <option value="">+ Merge field</option>
      {labels.map((fieldLabel) => (
        <option key={fieldLabel} value={fieldLabel}>
          [{fieldLabel}]
        </option>
      ))}
    </select>
  );
}
