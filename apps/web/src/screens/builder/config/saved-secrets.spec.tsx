import { type GraphDraft, nodeDefinition, type SendWebhookConfig, validateGraph } from '@tideway/graph';
import { renderToStaticMarkup } from 'react-dom/server';
import { configIssues } from './config-form-state';
import { SAVED_SECRET, withoutSavedSecretIssues, withoutSavedSecretProblems } from './saved-secrets';
import { WebhookPanel } from './webhook-panel';
import { previewWebhookRequest } from './webhook-preview';

/** A webhook config as the API answers it: every secret replaced by the placeholder. */
const saved: SendWebhookConfig = {
  url: 'https://crm.example.com/hook',
  method: 'POST',
  contentType: 'form',
  body: { mode: 'postData', template: 'Email=[Email]' },
  headers: [
    { name: 'X-Campaign', value: '[Campaign Name]' },
    { name: 'X-Api-Key', value: SAVED_SECRET },
  ],
  auth: { type: 'basic', username: 'crm', password: SAVED_SECRET },
  secret: SAVED_SECRET,
};

function graphWith(config: unknown): GraphDraft {
  return {
    nodes: [
      { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
      { id: 'hook', type: 'action.sendWebhook', position: { x: 0, y: 100 }, data: { config } },
    ],
    edges: [{ id: 'e', source: 'start', target: 'hook' }],
  };
}

describe('saved secrets in the builder', () => {
  it('raises no problem about a placeholder, and keeps real ones', () => {
    const graph = graphWith(saved);
    const raw = validateGraph(graph);
    expect(raw.length).toBeGreaterThan(0); // the placeholder is no signing secret, nor a known merge field
    expect(withoutSavedSecretProblems(graph, raw)).toEqual([]);

    const broken = graphWith({ ...saved, url: 'ftp://x', secret: 'whsec_short' });
    const paths = withoutSavedSecretProblems(broken, validateGraph(broken)).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['config.url', 'config.secret']));
  });

  it('raises no config issue about a placeholder', () => {
    const definition = nodeDefinition('action.sendWebhook');
    expect(withoutSavedSecretIssues(saved, configIssues(definition, saved))).toEqual({});
    expect(Object.keys(withoutSavedSecretIssues({ ...saved, secret: 'nope' }, configIssues(definition, { ...saved, secret: 'nope' })))).toEqual(['secret']);
  });

  it('shows saved secrets as empty password fields that say they are saved', () => {
    const html = renderToStaticMarkup(
      <WebhookPanel config={{ ...saved }} issues={{}} onChange={() => undefined} campaign={{ id: 'c', name: 'Welcome' }} />,
    );
    expect(html).not.toContain(SAVED_SECRET);
    expect(html.match(/Saved — type to replace/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('value="crm"');

    const bearer = renderToStaticMarkup(
      <WebhookPanel config={{ ...saved, auth: { type: 'bearer', token: SAVED_SECRET } }} issues={{}} onChange={() => undefined} campaign={{ id: 'c', name: 'W' }} />,
    );
    expect(bearer).not.toContain(SAVED_SECRET);
    expect(bearer).toMatch(/type="password"[^>]*value=""/);
  });

  it('shows a saved header masked in the preview without rendering it', async () => {
    const rendered: string[] = [];
    const preview = await previewWebhookRequest(saved, async (template) => {
      rendered.push(template);
      return template;
    });
    expect(rendered).not.toContain(SAVED_SECRET);
    expect(preview.ok && preview.request.headers).toContainEqual({ name: 'X-Api-Key', value: '••••••' });
  });
});
