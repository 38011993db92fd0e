import { type RULE_OPERATORS, WAIT_UNITS } from '@tideway/graph';

/**
 * The config panel of every node type, as metadata: which options it has and
 * how each is edited. One renderer (config-form.tsx) switches on `kind`;
 * Send a Webhook has its own hand-written panel. Types and constraints come
 * from the catalogue's zod schemas, which also give the inline errors.
 */
export type ConfigFieldKind =
  | 'text'
  | 'template'
  | 'number'
  | 'select'
  | 'checkbox'
  | 'contactField'
  | 'dateTime'
  | 'rules'
  | 'branches'
  | 'paramMapping';

export interface ConfigField {
  path: string;
  label: string;
  kind: ConfigFieldKind;
  hint?: string;
  placeholder?: string;
  options?: readonly { value: string; label: string }[];
  /** Empty means the key is removed (the option is not set). */
  optional?: boolean;
}

const tag = (hint: string): ConfigField => ({ path: 'tag', label: 'Tag', kind: 'text', hint, placeholder: 'e.g. customer' });

const goalOptions: ConfigField[] = [
  {
    path: 'waitHere',
    label: 'Contacts that reach this goal unmet wait here',
    kind: 'checkbox',
    optional: true,
  },
  {
    path: 'allowEntry',
    label: 'Contacts not in the campaign may enter here',
    kind: 'checkbox',
    optional: true,
  },
];

const matchField: ConfigField = {
  path: 'match',
  label: 'Match',
  kind: 'select',
  options: [
    { value: 'all', label: 'All rules' },
    { value: 'any', label: 'Any rule' },
  ],
};

const rulesField: ConfigField = { path: 'rules', label: 'Rules', kind: 'rules' };

export const CONFIG_FIELDS: Record<string, readonly ConfigField[]> = {
  'trigger.manual': [],
  'trigger.contactCreated': [],
  'trigger.tagAdded': [tag('Contacts enter when they gain this tag.')],
  'trigger.tagRemoved': [tag('Contacts enter when they lose this tag.')],
  'trigger.fieldChanged': [
    { path: 'field', label: 'Field', kind: 'contactField' },
    {
      path: 'value',
      label: 'Changed to (optional)',
      kind: 'text',
      optional: true,
      hint: 'Leave empty to start on any change.',
    },
  ],
  'trigger.webhookReceived': [
    {
      path: 'mapping',
      label: 'Field mapping',
      kind: 'paramMapping',
      optional: true,
      hint: 'Which request parameter fills which contact field. The email parameter finds the contact.',
    },
  ],
  'goal.tagAdded': [tag('The goal is met when the contact gains this tag.'), ...goalOptions],
  'goal.fieldMatches': [matchField, rulesField, ...goalOptions],
  'goal.webhookReceived': [...goalOptions],
  'filter.condition': [matchField, rulesField],
  'split.random': [{ path: 'branches', label: 'Branches', kind: 'branches' }],
  'action.addTag': [tag('Adding a tag can start other campaigns’ triggers and goals.')],
  'action.removeTag': [tag('The tag to remove.')],
  'action.updateField': [
    { path: 'field', label: 'Field', kind: 'contactField' },
    { path: 'value', label: 'Value', kind: 'template', hint: 'A template: [First Name] [Last Name], {{default [Nickname] "friend"}}.' },
  ],
  'wait.delay': [
    { path: 'amount', label: 'Wait for', kind: 'number' },
    { path: 'unit', label: 'Unit', kind: 'select', options: WAIT_UNITS.map((unit) => ({ value: unit, label: unit })) },
  ],
  'wait.until': [
    { path: 'at', label: 'Date and time', kind: 'dateTime', optional: true, hint: 'Either a date-time…' },
    { path: 'field', label: 'Or the date in field', kind: 'contactField', optional: true },
    { path: 'time', label: 'At time of day (optional)', kind: 'text', optional: true, placeholder: 'HH:MM' },
    { path: 'timezone', label: 'Time zone (optional)', kind: 'text', optional: true, placeholder: 'Europe/Paris' },
  ],
  end: [],
};

export const OPERATOR_LABELS: Record<(typeof RULE_OPERATORS)[number], string> = {
  equals: 'is',
  notEquals: 'is not',
  contains: 'contains',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  gt: 'is greater than',
  lt: 'is less than',
  before: 'is before',
  after: 'is after',
  hasTag: 'has tag',
  notHasTag: 'does not have tag',
};

export const TAG_OPERATORS = ['hasTag', 'notHasTag'] as const;
export const VALUELESS_OPERATORS = ['isEmpty', 'isNotEmpty'] as const;
