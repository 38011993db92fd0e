import { RULE_OPERATORS, type RuleOperator } from '@tideway/graph';
import { contactFieldOptions, useCustomFields } from './builder-fields';
import { OPERATOR_LABELS, TAG_OPERATORS, VALUELESS_OPERATORS } from './config-fields';

interface RuleValue {
  field: string;
  op: RuleOperator;
  value?: string | number | boolean;
}

const isTagOp = (op: string) => (TAG_OPERATORS as readonly string[]).includes(op);
const isValueless = (op: string) => (VALUELESS_OPERATORS as readonly string[]).includes(op);

/** Rules on fields and tags, for filter.condition and goal.fieldMatches. */
export function RulesEditor({
  rules,
  onChange,
  issues,
  disabled,
}: {
  rules: RuleValue[];
  onChange: (rules: RuleValue[]) => void;
  issues: Record<string, string>;
  disabled?: boolean;
}) {
  const custom = useCustomFields();
  const fields = [{ value: 'tag', label: 'Tag' }, ...contactFieldOptions(custom)];
  const update = (index: number, change: Partial<RuleValue>) => {
    const next = rules.map((rule, i) => {
      if (i !== index) return rule;
      const merged: RuleValue = { ...rule, ...change };
      // Picking "Tag" or a field brings an operator that fits it.
      if (change.field !== undefined) {
        if (change.field === 'tag' && !isTagOp(merged.op)) merged.op = 'hasTag';
        if (change.field !== 'tag' && isTagOp(merged.op)) merged.op = 'equals';
      }
      if (isValueless(merged.op)) delete merged.value;
      return merged;
    });
    onChange(next);
  };

  return (
    <div className="rules-editor">
      {rules.length === 0 && <p className="muted">No rules yet.</p>}
      {rules.map((rule, index) => {
        const operators = RULE_OPERATORS.filter((op) => isTagOp(op) === (rule.field === 'tag'));
        const error = issues[`rules[${index}].field`] ?? issues[`rules[${index}].op`] ?? issues[`rules[${index}].value`] ?? issues[`rules[${index}]`];
        return (
          <div key={index} className="rule-row">
            <div className="rule-row__controls">
              <select
                className="input select"
                aria-label={`Rule ${index + 1} field`}
                value={rule.field}
                disabled={disabled}
                onChange={(event) => update(index, { field: event.target.value })}
              >
                <option value="">Choose…</option>
                {fields.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
                {rule.field && !fields.some((option) => option.value === rule.field) && <option value={rule.field}>{rule.field}</option>}
              </select>
              <select
                className="input select"
                aria-label={`Rule ${index + 1} operator`}
                value={rule.op}
                disabled={disabled}
                onChange={(event) => update(index, { op: event.target.value as RuleOperator })}
              >
                {operators.map((op) => (
                  <option key={op} value={op}>
                    {OPERATOR_LABELS[op]}
                  </option>
                ))}
              </select>
              {!isValueless(rule.op) && (
                <input
                  className="input"
                  aria-label={`Rule ${index + 1} value`}
                  value={rule.value === undefined ? '' : String(rule.value)}
                  placeholder={rule.op === 'before' || rule.op === 'after' ? '2026-01-31' : isTagOp(rule.op) ? 'tag' : 'value'}
                  disabled={disabled}
                  onChange={(event) => update(index, { value: event.target.value })}
                />
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove rule ${index + 1}`}
                disabled={disabled}
                onClick={() => onChange(rules.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </div>
            {error && <p className="field__error">{error}</p>}
          </div>
        );
      })}
      <button
        type="button"
        className="button button--small"
        disabled={disabled}
        onClick={() => onChange([...rules, { field: 'tag', op: 'hasTag', value: '' }])}
      >
        + Add rule
      </button>
    </div>
  );
}
