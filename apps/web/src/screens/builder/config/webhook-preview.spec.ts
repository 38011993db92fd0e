import type { SendWebhookConfig } from '@tideway/graph';
import { compileTemplate, type TemplateTarget } from '@tideway/templates';
import { appendQuery, previewWebhookRequest } from './webhook-preview';

const contact = { id: 'c-1', email: 'tom@example.com', firstName: 'Tom & Jerry', lastName: 'Cat', fields: { colour: 'teal' } };
const fields = [{ key: 'colour', label: 'Favourite Colour', type: 'text' as const }];
const campaign = { id: 'k1', name: 'Welcome' };
// The server renders with this same library; here it runs in-process.
const render = async (template: string, target: TemplateTarget) => compileTemplate(template, { fields, target }).render({ contact, campaign });
const base: SendWebhookConfig = {
  url: 'https://crm.example.com/hook',
  method: 'POST',
  contentType: 'form',
  body: { mode: 'postData', template: 'First_Name=[First Name]&Email=[Email]&Colour=[Favourite Colour]' },
};

describe('the Send a Webhook preview', () => {
  it('renders form post data with each value encoded as one value', async () => {
    const preview = await previewWebhookRequest(base, render);
    expect(preview).toEqual({
      ok: true,
      request: {
        method: 'POST',
        url: 'https://crm.example.com/hook',
        headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
        body: 'First_Name=Tom+%26+Jerry&Email=tom%40example.com&Colour=teal',
      },
    });
  });

  it('puts GET data in the query string', async () => {
    const preview = await previewWebhookRequest({ ...base, method: 'GET', url: 'https://crm.example.com/hook?src=tw' }, render);
    expect(preview.ok && preview.request.url).toBe('https://crm.example.com/hook?src=tw&First_Name=Tom+%26+Jerry&Email=tom%40example.com&Colour=teal');
    expect(preview.ok && preview.request.body).toBeNull();
  });

  it('renders a JSON data mapping and shows auth and signing masked', async () => {
    const preview = await previewWebhookRequest(
      {
        ...base,
        contentType: 'json',
        body: { mode: 'mapping', fields: [{ name: 'name', source: 'field', field: '[First Name]' }, { name: 'src', source: 'value', value: 'tideway' }] },
        auth: { type: 'bearer', token: 'secret-token' },
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=',
      },
      render,
    );
    if (!preview.ok) throw new Error(preview.message);
    expect(JSON.parse(preview.request.body!)).toEqual({ name: 'Tom & Jerry', src: 'tideway' });
    expect(preview.request.headers.map((h) => h.name)).toEqual(['Content-Type', 'Authorization', 'webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect(JSON.stringify(preview)).not.toContain('secret-token');
  });

  it('explains an unknown merge field instead of throwing', async () => {
    const preview = await previewWebhookRequest({ ...base, body: { mode: 'postData', template: 'a=[Favorite Color]' } }, render);
    expect(preview).toEqual({ ok: false, message: expect.stringContaining('[Favorite Color]') });
  });
});

describe('appending GET data to a URL', () => {
  it.each([
    ['https://a.test/h', 'https://a.test/h?x=1'],
    ['https://a.test/h?src=tw', 'https://a.test/h?src=tw&x=1'],
    ['https://a.test/h?', 'https://a.test/h?x=1'],
    ['https://a.test/h#top', 'https://a.test/h?x=1#top'],
  ])('%s', (url, expected) => {
    expect(appendQuery(url, 'x=1')).toBe(expected);
  });
});
