import { useId } from 'react';
import type { CustomField } from '../../api/fields';
import { TextField } from '../../components/text-field';

const INPUT_TYPES = { text: 'text', number: 'text', date: 'date' } as const;

/** One custom field's input, by its type; the merge-field name is shown as a hint. */
export function CustomFieldInput({
  field,
  value,
  onChange,
  error,
}: {
  field: CustomField;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  error?: string;
}) {
  const id = useId();
  const hint = <code className="merge-field">[{field.label}]</code>;

  if (field.type === 'boolean') {
    return (
      <div className={error ? 'field field--invalid' : 'field'}>
        <span className="field__label">{field.label}</span>
        <label className="checkbox" htmlFor={id}>
          <input id={id} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
          <span>Yes</span>
        </label>
        <p className="field__hint">{hint}</p>
        {error && <p className="field__error">{error}</p>}
      </div>
    );
  }

  return (
    <TextField
      label={field.label}
      type={INPUT_TYPES[field.type]}
      inputMode={field.type === 'number' ? 'decimal' : undefined}
      value={typeof value === 'string' ? value : ''}
      onChange={onChange}
      error={error}
      hint={hint}
    />
  );
}
