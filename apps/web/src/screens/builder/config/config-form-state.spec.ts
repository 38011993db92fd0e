import { nodeDefinition } from '@tideway/graph';
import { configIssues, getAt, issuesUnder, parseNumberInput, setAt } from './config-form-state';

describe('config form state', () => {
  it('reads and writes nested paths without touching the original', () => {
    const config = { url: 'https://a', headers: [{ name: 'X', value: '1' }] };
    const next = setAt(config, 'headers[0].value', '2');
    expect(getAt(next, 'headers[0].value')).toBe('2');
    expect(config.headers[0].value).toBe('1');
    expect(setAt({}, 'auth.type', 'basic')).toEqual({ auth: { type: 'basic' } });
    expect(setAt([] as unknown[], '[1]', 'x')).toEqual([undefined, 'x']);
  });

  it('removes an option set to undefined, so strict schemas see it as not set', () => {
    expect(setAt({ amount: 1, timeoutMs: 5000 }, 'timeoutMs', undefined)).toEqual({ amount: 1 });
  });

  it('gives one inline message per field from the catalogue schema', () => {
    const webhook = nodeDefinition('action.sendWebhook');
    const issues = configIssues(webhook, {
      url: 'crm.example.com',
      method: 'POST',
      contentType: 'form',
      body: { mode: 'postData', template: '' },
      headers: [{ name: 'Bad Name', value: '' }],
    });
    expect(issues['url']).toMatch(/https:\/\//);
    expect(issues['headers[0].name']).toBe('Not a valid header name');
    expect(issuesUnder(issues, 'headers')).toEqual(['Not a valid header name']);
    expect(configIssues(nodeDefinition('wait.delay'), { amount: 2, unit: 'days' })).toEqual({});
    expect(configIssues(nodeDefinition('wait.delay'), { amount: 2, unit: 'days', extra: 1 })).toEqual({ '': 'Unknown option extra' });
    expect(configIssues(undefined, {})).toEqual({ '': expect.stringContaining('unknown') });
  });

  it.each([
    ['', undefined],
    [' 30 ', 30],
    ['1.5', 1.5],
    ['abc', 'abc'],
  ])('reads the number input %j as %j', (text, value) => {
    expect(parseNumberInput(text)).toBe(value);
  });
});
