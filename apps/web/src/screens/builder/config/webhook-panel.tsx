import { MAX_WEBHOOK_ATTEMPTS, MAX_WEBHOOK_TIMEOUT_MS, type SendWebhookConfig } from '@tideway/graph';
import { BUILT_IN_MERGE_FIELDS } from '@tideway/templates';
import { type ReactNode, useId, useRef } from 'react';
import { contactFieldOptions, useCustomFields } from './builder-fields';
import { parseNumberInput, setAt } from './config-form-state';
import { MergeFieldPicker } from './merge-field-picker';
import { isSavedSecret } from './saved-secrets';
import { WebhookPreviewCard } from './webhook-preview-card';

type Config = SendWebhookConfig;

/**
 * Send a Webhook's hand-written panel (STYLE.md: the special form): every
 * option of its config, merge fields inserted at the caret, the data-mapping
 * table, and the exact request for a chosen contact.
 */
export function WebhookPanel({
  config,
  issues,
  onChange,
  disabled,
  campaign,
}: {
  config: Config;
  issues: Record<string, string>;
  onChange: (config: unknown, path: string) => void;
  disabled?: boolean;
  campaign: { id: string; name: string };
}) {
  const custom = useCustomFields();
  const urlRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const set = (path: string, value: unknown) => onChange(setAt(config, path, value), path);
  const body = config.body ?? { mode: 'postData', template: '' };
  const auth = config.auth ?? { type: 'none' as const };
  const mergeLabels = [...BUILT_IN_MERGE_FIELDS.map((f) => f.label), ...custom.map((f) => f.label)];

  return (
    <div className="stack webhook-panel">
      <Section title="Request">
        <Field label="URL" error={issues['url']} hint="https:// and a host; merge fields may go in the path or query.">
          {(id, describedBy) => (
            <>
              <input
                id={id}
                ref={urlRef}
                className="input input--mono"
                value={config.url ?? ''}
                placeholder="https://crm.example.com/hooks/tideway"
                disabled={disabled}
                aria-invalid={issues['url'] ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => set('url', event.target.value)}
                data-testid="config-url"
              />
              <div className="field__actions">
                <MergeFieldPicker inputRef={urlRef} value={config.url ?? ''} onChange={(next) => set('url', next)} disabled={disabled} />
              </div>
            </>
          )}
        </Field>
        <div className="form-row">
          <Segmented
            label="Method"
            value={config.method}
            options={[
              { value: 'POST', label: 'POST' },
              { value: 'GET', label: 'GET' },
            ]}
            onChange={(value) => set('method', value)}
            disabled={disabled}
            testId="config-method"
          />
          <Segmented
            label="Content type"
            value={config.contentType}
            options={[
              { value: 'form', label: 'Form' },
              { value: 'json', label: 'JSON' },
            ]}
            onChange={(value) => set('contentType', value)}
            disabled={disabled || config.method === 'GET'}
            testId="config-content-type"
          />
        </div>
        {config.method === 'GET' && <p className="field__hint">With GET the data goes in the query string.</p>}
      </Section>

      <Section title={config.method === 'GET' ? 'Query data' : 'Body'}>
        <Segmented
          label="Body"
          hideLabel
          value={body.mode}
          options={[
            { value: 'postData', label: 'Post data' },
            { value: 'mapping', label: 'Data mapping' },
          ]}
          onChange={(mode) =>
            set(
              'body',
              mode === 'postData'
                ? { mode: 'postData', template: config.contentType === 'json' ? '{"email": "[Email]"}' : 'First_Name=[First Name]&Email=[Email]' }
                : { mode: 'mapping', fields: [{ name: 'email', source: 'field', field: '[Email]' }] },
            )
          }
          disabled={disabled}
          testId="config-body-mode"
        />
        {body.mode === 'postData' ? (
          <Field
            label={config.contentType === 'json' && config.method !== 'GET' ? 'JSON template' : 'Post data'}
            error={issues['body.template'] ?? issues['body']}
            hint={config.contentType === 'json' && config.method !== 'GET' ? 'Values are JSON-escaped.' : 'name=[Merge Field]&other=value; each value is sent as one value.'}
          >
            {(id, describedBy) => (
              <>
                <textarea
                  id={id}
                  ref={bodyRef}
                  className="input textarea input--mono"
                  rows={5}
                  value={body.template}
                  disabled={disabled}
                  aria-describedby={describedBy}
                  spellCheck={false}
                  onChange={(event) => set('body.template', event.target.value)}
                  data-testid="config-body-template"
                />
                <div className="field__actions">
                  <MergeFieldPicker inputRef={bodyRef} value={body.template} onChange={(next) => set('body.template', next)} disabled={disabled} />
                </div>
              </>
            )}
          </Field>
        ) : (
          <div className="mapping-table" role="table" aria-label="Data mapping">
            <div className="mapping-table__head" role="row">
              <span role="columnheader">Field name</span>
              <span role="columnheader">Source</span>
              <span role="columnheader">Value</span>
              <span />
            </div>
            {body.fields.map((row, index) => (
              <div key={index} role="row">
                <div className="mapping-table__row">
                  <input
                    className="input input--mono"
                    aria-label={`Mapping ${index + 1} name`}
                    value={row.name}
                    disabled={disabled}
                    onChange={(event) => set(`body.fields[${index}].name`, event.target.value)}
                    data-testid="mapping-name"
                  />
                  <select
                    className="input select"
                    aria-label={`Mapping ${index + 1} source`}
                    value={row.source}
                    disabled={disabled}
                    onChange={(event) =>
                      set(
                        `body.fields[${index}]`,
                        event.target.value === 'field' ? { name: row.name, source: 'field', field: '[Email]' } : { name: row.name, source: 'value', value: '' },
                      )
                    }
                  >
                    <option value="field">Merge field</option>
                    <option value="value">Static value</option>
                  </select>
                  {row.source === 'field' ? (
                    <select
                      className="input select"
                      aria-label={`Mapping ${index + 1} merge field`}
                      value={row.field}
                      disabled={disabled}
                      onChange={(event) => set(`body.fields[${index}].field`, event.target.value)}
                    >
                      {mergeLabels.map((label) => (
                        <option key={label} value={`[${label}]`}>
                          [{label}]
                        </option>
                      ))}
                      {!mergeLabels.some((label) => `[${label}]` === row.field) && <option value={row.field}>{row.field}</option>}
                    </select>
                  ) : (
                    <input
                      className="input"
                      aria-label={`Mapping ${index + 1} value`}
                      value={row.value}
                      disabled={disabled}
                      onChange={(event) => set(`body.fields[${index}].value`, event.target.value)}
                    />
                  )}
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove mapping ${index + 1}`}
                    disabled={disabled}
                    onClick={() => set('body.fields', body.fields.filter((_, i) => i !== index))}
                    data-testid="mapping-remove"
                  >
                    ×
                  </button>
                </div>
                {firstIssue(issues, `body.fields[${index}]`) && <p className="field__error">{firstIssue(issues, `body.fields[${index}]`)}</p>}
              </div>
            ))}
            <button
              type="button"
              className="button button--small"
              disabled={disabled}
              onClick={() => set('body.fields', [...body.fields, { name: '', source: 'field', field: '[First Name]' }])}
              data-testid="mapping-add"
            >
              + Add field
            </button>
          </div>
        )}
      </Section>

      <Section title="Headers">
        {(config.headers ?? []).map((header, index) => (
          <div key={index}>
            <div className="header-row">
              <input
                className="input input--mono"
                aria-label={`Header ${index + 1} name`}
                placeholder="X-Source"
                value={header.name}
                disabled={disabled}
                onChange={(event) => set(`headers[${index}].name`, event.target.value)}
              />
              {isSavedSecret(header.value) ? (
                <input
                  type="password"
                  className="input input--mono"
                  aria-label={`Header ${index + 1} value (saved)`}
                  placeholder={SAVED_HINT}
                  title={SAVED_HINT}
                  value=""
                  disabled={disabled}
                  autoComplete="off"
                  onChange={(event) => set(`headers[${index}].value`, event.target.value)}
                />
              ) : (
                <input
                  className="input input--mono"
                  aria-label={`Header ${index + 1} value`}
                  placeholder="[Contact ID]"
                  value={header.value}
                  disabled={disabled}
                  onChange={(event) => set(`headers[${index}].value`, event.target.value)}
                />
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove header ${index + 1}`}
                disabled={disabled}
                onClick={() => {
                  const rest = (config.headers ?? []).filter((_, i) => i !== index);
                  set('headers', rest.length ? rest : undefined);
                }}
              >
                ×
              </button>
            </div>
            {firstIssue(issues, `headers[${index}]`) && <p className="field__error">{firstIssue(issues, `headers[${index}]`)}</p>}
          </div>
        ))}
        <button type="button" className="button button--small" disabled={disabled} onClick={() => set('headers', [...(config.headers ?? []), { name: '', value: '' }])}>
          + Add header
        </button>
      </Section>

      <Section title="Authentication and signing">
        <Segmented
          label="Authentication"
          value={auth.type}
          options={[
            { value: 'none', label: 'None' },
            { value: 'basic', label: 'Basic' },
            { value: 'bearer', label: 'Bearer' },
          ]}
          onChange={(type) =>
            set('auth', type === 'none' ? undefined : type === 'basic' ? { type: 'basic', username: '', password: '' } : { type: 'bearer', token: '' })
          }
          disabled={disabled}
          testId="config-auth"
        />
        {auth.type === 'basic' && (
          <div className="form-row">
            <TextInput label="User name" value={auth.username} error={issues['auth.username']} disabled={disabled} onChange={(v) => set('auth.username', v)} />
            <TextInput label="Password" type="password" value={auth.password} error={issues['auth.password']} disabled={disabled} onChange={(v) => set('auth.password', v)} secret />
          </div>
        )}
        {auth.type === 'bearer' && (
          <TextInput label="Token" type="password" value={auth.token} error={issues['auth.token']} disabled={disabled} onChange={(v) => set('auth.token', v)} secret />
        )}
        <Field
          label="Signing secret (optional)"
          error={issues['secret']}
          hint={`${isSavedSecret(config.secret) ? `${SAVED_HINT}. ` : ''}Signs each request with Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature).`}
        >
          {(id, describedBy) => (
            <div className="input-with-picker">
              <input
                id={id}
                type={isSavedSecret(config.secret) ? 'password' : 'text'}
                className="input input--mono"
                value={isSavedSecret(config.secret) ? '' : (config.secret ?? '')}
                placeholder={isSavedSecret(config.secret) ? SAVED_HINT : 'whsec_…'}
                autoComplete="off"
                disabled={disabled}
                aria-describedby={describedBy}
                onChange={(event) => set('secret', event.target.value || undefined)}
              />
              <button type="button" className="button button--small" disabled={disabled} onClick={() => set('secret', generateSecret())}>
                Generate
              </button>
            </div>
          )}
        </Field>
      </Section>

      <Section title="Delivery">
        <div className="form-row">
          <TextInput
            label="Timeout (ms)"
            value={numberText(config.timeoutMs)}
            placeholder="10000"
            error={issues['timeoutMs']}
            hint={`Up to ${MAX_WEBHOOK_TIMEOUT_MS} ms`}
            disabled={disabled}
            onChange={(v) => set('timeoutMs', parseNumberInput(v))}
          />
          <TextInput
            label="Attempts"
            value={numberText(config.maxAttempts)}
            placeholder="3"
            error={issues['maxAttempts']}
            hint={`1 to ${MAX_WEBHOOK_ATTEMPTS}, with backoff`}
            disabled={disabled}
            onChange={(v) => set('maxAttempts', parseNumberInput(v))}
          />
        </div>
        <Segmented
          label="When every attempt fails"
          value={config.onFailure ?? 'continue'}
          options={[
            { value: 'continue', label: 'Continue' },
            { value: 'stop', label: 'Stop the contact' },
          ]}
          onChange={(value) => set('onFailure', value === 'continue' ? undefined : value)}
          disabled={disabled}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={config.logResponseBody === true}
            disabled={disabled}
            onChange={(event) => set('logResponseBody', event.target.checked || undefined)}
          />
          <span>Log the response body in the delivery log</span>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={config.saveResponse !== undefined}
            disabled={disabled}
            onChange={(event) => set('saveResponse', event.target.checked ? { path: '', field: '' } : undefined)}
          />
          <span>Save a response value into a contact field</span>
        </label>
        {config.saveResponse && (
          <div className="form-row">
            <TextInput
              label="Response path"
              value={config.saveResponse.path}
              placeholder="data.id"
              error={issues['saveResponse.path']}
              disabled={disabled}
              onChange={(v) => set('saveResponse.path', v)}
            />
            <Field label="Into field" error={issues['saveResponse.field']}>
              {(id) => (
                <select id={id} className="input select" value={config.saveResponse?.field ?? ''} disabled={disabled} onChange={(event) => set('saveResponse.field', event.target.value)}>
                  <option value="">Choose…</option>
                  {contactFieldOptions(custom).map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        )}
      </Section>

      {issues[''] && <p className="field__error">{issues['']}</p>}

      <WebhookPreviewCard config={config} campaign={campaign} />
    </div>
  );
}

function firstIssue(issues: Record<string, string>, prefix: string): string | undefined {
  return Object.entries(issues).find(([path]) => path === prefix || path.startsWith(`${prefix}.`))?.[1];
}

/** A saved secret is not sent to the browser: its field shows empty, and stays saved until typed over. */
const SAVED_HINT = 'Saved — type to replace';

const numberText = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** Standard Webhooks: whsec_ + base64 of 32 random bytes. */
function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel-section">
      <h3 className="panel-section__title">{title}</h3>
      <div className="stack stack--tight">{children}</div>
    </section>
  );
}

function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: (id: string, describedBy?: string) => ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(id, describedBy)}
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
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

function TextInput({
  label,
  value,
  onChange,
  error,
  hint,
  disabled,
  type = 'text',
  placeholder,
  secret,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  disabled?: boolean;
  type?: string;
  placeholder?: string;
  /** A credential: its saved value comes back as a placeholder, shown as an empty field. */
  secret?: boolean;
}) {
  const saved = secret === true && isSavedSecret(value);
  return (
    <Field label={label} error={error} hint={saved ? SAVED_HINT : hint}>
      {(id, describedBy) => (
        <input
          id={id}
          type={saved ? 'password' : type}
          className="input"
          value={saved ? '' : value}
          placeholder={saved ? undefined : placeholder}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

function Segmented<V extends string>({
  label,
  value,
  options,
  onChange,
  disabled,
  hideLabel,
  testId,
}: {
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  disabled?: boolean;
  hideLabel?: boolean;
  testId?: string;
}) {
  const name = useId();
  return (
    <fieldset className="fieldset field">
      <legend className={hideLabel ? 'visually-hidden' : 'field__label'}>{label}</legend>
      <div className="segmented" data-testid={testId}>
        {options.map((option) => (
          <label key={option.value} className={option.value === value ? 'segmented__option segmented__option--active' : 'segmented__option'}>
            <input type="radio" name={name} value={option.value} className="visually-hidden" checked={option.value === value} disabled={disabled} onChange={() => onChange(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

