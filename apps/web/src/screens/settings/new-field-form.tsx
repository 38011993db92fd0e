import { type FormEvent, useState } from 'react';
import { fieldErrorsFrom } from '../../api/field-errors';
import { createField, FIELD_TYPES, type FieldType, type NewCustomField } from '../../api/fields';
import { FormError } from '../../components/form-error';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { fieldKeyFromLabel } from './field-key';

const TYPE_OPTIONS = FIELD_TYPES.map((type) => ({
  value: type,
  label: { text: 'Text', number: 'Number', date: 'Date', boolean: 'Yes / no' }[type],
}));

export function NewFieldForm({ onCreated }: { onCreated: () => void }) {
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [keyEdited, setKeyEdited] = useState(false);
  const [type, setType] = useState<FieldType>('text');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useAction((field: NewCustomField) => createField(field));

  const effectiveKey = keyEdited ? key : fieldKeyFromLabel(label);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!label.trim()) problems['label'] = 'Enter a label.';
    if (!effectiveKey.trim()) problems['key'] = 'Enter a key.';
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const created = await create.run({ key: effectiveKey.trim(), label: label.trim(), type });
    if (created) {
      setLabel('');
      setKey('');
      setKeyEdited(false);
      setType('text');
      onCreated();
    }
  };

  const errors = { ...fieldErrorsFrom(create.error), ...localErrors };
  return (
    <form className="card stack" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="new-field-title">
      <h3 className="card__title" id="new-field-title">
        Add a custom field
      </h3>
      <div className="form-grid form-grid--three">
        <TextField label="Label" value={label} onChange={setLabel} error={errors['label']} placeholder="Favourite Colour" />
        <TextField
          label="Key"
          value={effectiveKey}
          onChange={(value) => {
            setKey(value);
            setKeyEdited(true);
          }}
          error={errors['key']}
          hint="Used in CSV headers and the API."
          className="field--mono"
        />
        <SelectField label="Type" value={type} options={TYPE_OPTIONS} onChange={setType} error={errors['type']} />
      </div>
      <FormError error={create.error} knownPaths={['key', 'label', 'type']} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={create.pending}>
          {create.pending ? 'Adding…' : 'Add field'}
        </button>
      </div>
    </form>
  );
}
