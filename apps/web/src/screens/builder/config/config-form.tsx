import { useId, useRef } from 'react';
import { BranchesEditor } from './branches-editor';
import { contactFieldOptions, useCustomFields } from './builder-fields';
import type { ConfigField } from './config-fields';
import { getAt, parseNumberInput, setAt } from './config-form-state';
import { MergeFieldPicker } from './merge-field-picker';
import { RulesEditor } from './rules-editor';

export interface ConfigFormProps {
  fields: readonly ConfigField[];
  config: unknown;
  issues: Record<string, string>;
  onChange: (config: unknown, path: string) => void;
  disabled?: boolean;
}

/** The one renderer for metadata-described config panels (config-fields.ts). */
export function ConfigForm({ fields, config, issues, onChange, disabled }: ConfigFormProps) {
  return (
    <div className="stack config-form">
      {fields.map((field) => (
        <ConfigFieldInput
          key={field.path}
          field={field}
          value={getAt(config, field.path)}
          error={issues[field.path]}
          issues={issues}
          disabled={disabled}
          onChange={(value) => onChange(setAt(config, field.path, field.optional && (value === '' || value === false) ? undefined : value), field.path)}
        />
      ))}
    </div>
  );
}

function ConfigFieldInput({
  field,
  value,
  error,
  issues,
  onChange,
  disabled,
}: {
  field: ConfigField;
  value: unknown;
  error?: string;
  issues: Record<string, string>;
  onChange: (value: unknown) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const custom = useCustomFields();
  const inputRef = useRef<HTMLInputElement>(null);
  const text = value === undefined || value === null ? '' : String(value);
  const describedBy = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, disabled, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };

  if (field.kind === 'checkbox') {
    return (
      <label className="checkbox">
        <input type="checkbox" checked={value === true} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
        <span>{field.label}</span>
      </label>
    );
  }

  let control;
  switch (field.kind) {
    case 'rules':
      return (
        <fieldset className="fieldset field">
          <legend className="field__label">{field.label}</legend>
          <RulesEditor rules={Array.isArray(value) ? value : []} onChange={onChange} issues={issues} disabled={disabled} />
          {issues['rules'] && <p className="field__error">{issues['rules']}</p>}
        </fieldset>
      );
    case 'branches':
      return (
        <fieldset className="fieldset field">
          <legend className="field__label">{field.label}</legend>
          <BranchesEditor branches={Array.isArray(value) ? value : []} onChange={onChange} issues={issues} disabled={disabled} />
        </fieldset>
      );
    case 'paramMapping':
      return (
        <fieldset className="fieldset field">
          <legend className="field__label">{field.label}</legend>
          <ParamMapping rows={Array.isArray(value) ? value : []} onChange={(rows) => onChange(rows.length ? rows : undefined)} disabled={disabled} />
          {field.hint && <p className="field__hint">{field.hint}</p>}
        </fieldset>
      );
    case 'select':
      control = (
        <select {...common} className="input select" value={text} onChange={(event) => onChange(event.target.value)}>
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'contactField': {
      const options = contactFieldOptions(custom);
      control = (
        <select {...common} className="input select" value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="">{field.optional ? '(none)' : 'Choose a field…'}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          {text && !options.some((option) => option.value === text) && <option value={text}>{text}</option>}
        </select>
      );
      break;
    }
    case 'number':
      control = (
        <input
          {...common}
          className="input"
          inputMode="numeric"
          value={text}
          onChange={(event) => onChange(parseNumberInput(event.target.value))}
        />
      );
      break;
    case 'dateTime':
      control = (
        <input
          {...common}
          className="input"
          type="datetime-local"
          value={toLocalInput(text)}
          onChange={(event) => onChange(event.target.value ? new Date(event.target.value).toISOString() : '')}
        />
      );
      break;
    case 'template':
      control = (
        <div className="input-with-picker">
          <input {...common} ref={inputRef} className="input input--mono" value={text} placeholder={field.placeholder} onChange={(event) => onChange(event.target.value)} />
          <MergeFieldPicker inputRef={inputRef} value={text} onChange={onChange} disabled={disabled} />
        </div>
      );
      break;
    default:
      control = <input {...common} className="input" value={text} placeholder={field.placeholder} onChange={(event) => onChange(event.target.value)} />;
  }

  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {field.label}
      </label>
      {control}
      {field.hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {field.hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function toLocalInput(iso: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function ParamMapping({
  rows,
  onChange,
  disabled,
}: {
  rows: { param: string; field: string }[];
  onChange: (rows: { param: string; field: string }[]) => void;
  disabled?: boolean;
}) {
  const custom = useCustomFields();
  const options = contactFieldOptions(custom);
  return (
    <div className="rules-editor">
      {rows.map((row, index) => (
        <div key={index} className="mapping-row">
          <input
            className="input input--mono"
            aria-label={`Parameter ${index + 1}`}
            placeholder="param"
            value={row.param}
            disabled={disabled}
            onChange={(event) => onChange(rows.map((r, i) => (i === index ? { ...r, param: event.target.value } : r)))}
          />
          <span aria-hidden="true">→</span>
          <select
            className="input select"
            aria-label={`Field for parameter ${index + 1}`}
            value={row.field}
            disabled={disabled}
            onChange={(event) => onChange(rows.map((r, i) => (i === index ? { ...r, field: event.target.value } : r)))}
          >
            <option value="">Choose…</option>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <button type="button" className="icon-button" aria-label={`Remove parameter ${index + 1}`} disabled={disabled} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="button button--small" disabled={disabled} onClick={() => onChange([...rows, { param: '', field: '' }])}>
        + Map a parameter
      </button>
    </div>
  );
}
