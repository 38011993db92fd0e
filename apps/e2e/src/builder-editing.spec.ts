import type { Page } from 'playwright-core';
import { testDatabaseMode } from '@tideway/server/testing';
import { aCampaign, owner, signedInPage, useBuiltApp, watchedPage } from './support/builder-fixtures';

const embedded = testDatabaseMode() === 'pglite' ? describe : describe.skip;

/** manual -> add tag "vip" */
const MANUAL_THEN_TAG = {
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
    { id: 'tag', type: 'action.addTag', position: { x: 320, y: 0 }, data: { config: { tag: 'vip' } } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'tag' }],
};

/** Drags a palette element onto the canvas at (x, y) of the canvas box. */
async function dropFromPalette(page: Page, type: string, x: number, y: number) {
  const canvas = page.getByTestId('builder-canvas');
  await page.getByTestId(`palette-item-${type}`).dragTo(canvas, { targetPosition: { x, y } });
}

/** Drags from one handle to another with the mouse, as a marketer connects two elements. */
async function connect(page: Page, from: string, to: string) {
  const source = await page.locator(from).boundingBox();
  const target = await page.locator(to).boundingBox();
  if (!source || !target) throw new Error('handle not on screen');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}

embedded('building a campaign in the browser', () => {
  const app = useBuiltApp();

  it('creates a campaign, drops and connects elements, configures a webhook and saves', async () => {
    const { page, consoleErrors } = await signedInPage(app.browser, app.api.url);
    await page.getByTestId('new-campaign').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const campaignId = page.url().split('/').pop()!;

    await dropFromPalette(page, 'trigger.manual', 150, 250);
    await dropFromPalette(page, 'action.sendWebhook', 520, 250);
    await page.getByTestId('node-manual-1').waitFor();
    await page.getByTestId('node-sendWebhook-1').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(2);

    await connect(page, '[data-testid="node-manual-1"] .react-flow__handle.source', '[data-testid="node-sendWebhook-1"] .react-flow__handle.target');
    await page.locator('.react-flow__edge').first().waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(1);
    // A second edge from the same output is refused while dragging.
    await dropFromPalette(page, 'end', 520, 420);
    await connect(page, '[data-testid="node-manual-1"] .react-flow__handle.source', '[data-testid="node-end-1"] .react-flow__handle.target');
    expect(await page.locator('.react-flow__edge').count()).toBe(1);

    await page.getByTestId('node-sendWebhook-1').click();
    const panel = page.getByTestId('config-panel');
    await panel.waitFor();
    await page.getByTestId('config-url').fill('https://crm.example.com/hooks/[Contact ID]');
    await page.getByTestId('config-body-template').fill('First_Name=[First Name]&Source=');
    // The merge-field picker inserts at the caret (the end of the template here).
    await page.getByTestId('config-body-template').focus();
    await page.getByTestId('config-body-template').press('End');
    await panel.getByTestId('merge-field-picker').nth(1).selectOption('Campaign Name');
    await expect(page.getByTestId('config-body-template').inputValue()).resolves.toBe('First_Name=[First Name]&Source=[Campaign Name]');
    // The preview follows the template (rendered by the server for the sample contact).
    await page.getByTestId('preview-body').filter({ hasText: 'First_Name=Ada&Source=Untitled+campaign' }).waitFor();

    await page.getByTestId('save-button').click();
    await page.getByText('All changes saved').waitFor();

    const saved = await app.client.call<{ graph: { nodes: { id: string; data: { config: Record<string, unknown> } }[]; edges: unknown[] } }>(
      'GET',
      `/api/v1/campaigns/${campaignId}`,
    );
    expect(saved.body.graph.edges).toEqual([{ id: 'manual-1->sendWebhook-1', source: 'manual-1', target: 'sendWebhook-1' }]);
    const webhook = saved.body.graph.nodes.find((node) => node.id === 'sendWebhook-1')!;
    expect(webhook.data.config).toMatchObject({
      url: 'https://crm.example.com/hooks/[Contact ID]',
      body: { mode: 'postData', template: 'First_Name=[First Name]&Source=[Campaign Name]' },
    });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('marks problems on the node and lists them in the publish dialog', async () => {
    const campaign = await aCampaign(app.client, 'Half done', {
      nodes: [
        { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
        {
          id: 'hook',
          type: 'action.sendWebhook',
          position: { x: 320, y: 0 },
          data: { config: { url: '', method: 'POST', contentType: 'form', body: { mode: 'postData', template: 'a=[First Name]' } } },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'hook' }],
    });
    const { page, consoleErrors } = await signedInPage(app.browser, app.api.url);
    await page.goto(`${app.api.url}/campaigns/${campaign.id}`);
    await page.getByTestId('node-problem-hook').waitFor();
    await expect(page.getByTestId('node-problem-start').count()).resolves.toBe(0);

    await page.getByTestId('node-hook').click();
    await page.getByTestId('config-panel').getByText('Enter the URL to send to').waitFor();

    await page.getByTestId('publish-button').click();
    await page.getByTestId('publish-problems').getByText('Enter the URL to send to').waitFor();
    await expect(page.getByTestId('confirm-publish').isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Escape');

    // Fixing the URL clears the marker.
    await page.getByTestId('config-url').fill('https://crm.example.com/hook');
    await page.getByTestId('node-problem-hook').waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('deletes with the Delete key and brings it back with undo and redo', async () => {
    const campaign = await aCampaign(app.client, 'Undo me', MANUAL_THEN_TAG);
    const { page, consoleErrors } = await signedInPage(app.browser, app.api.url);
    await page.goto(`${app.api.url}/campaigns/${campaign.id}`);
    await page.getByTestId('node-tag').click();
    await page.keyboard.press('Delete');
    await page.getByTestId('node-tag').waitFor({ state: 'detached' });
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
    await page.getByText('Unsaved changes').waitFor();

    await page.keyboard.press('Control+z');
    await page.getByTestId('node-tag').waitFor();
    // The edge comes back once both its ends have been measured, a frame or more after the node.
    // (Attached, not visible: between two elements in a row it is a flat line, with no height.)
    const edgePath = page.locator('.react-flow__edge-path').first();
    await edgePath.waitFor({ state: 'attached' });
    expect(await edgePath.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+ C/);
    expect(await page.locator('.react-flow__edge').count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await page.getByTestId('node-tag').waitFor({ state: 'detached' });

    // Copy / paste the trigger: a fresh id, offset from the original.
    await page.getByTestId('node-start').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.getByTestId('node-manual-1').waitFor();

    await page.keyboard.press('Control+s');
    await page.getByText('All changes saved').waitFor();
    const saved = await app.client.call<{ graph: { nodes: { id: string }[] } }>('GET', `/api/v1/campaigns/${campaign.id}`);
    expect(saved.body.graph.nodes.map((node) => node.id)).toEqual(['start', 'manual-1']);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('draws elements as plain cards when zoomed far out, and their text again when zoomed in', async () => {
    const paid = { id: 'paid', type: 'goal.tagAdded', position: { x: 320, y: 200 }, data: { config: { tag: 'paid' } } };
    const campaign = await aCampaign(app.client, 'Far and near', { ...MANUAL_THEN_TAG, nodes: [...MANUAL_THEN_TAG.nodes, paid] });
    const { page, consoleErrors } = await signedInPage(app.browser, app.api.url);
    await page.goto(`${app.api.url}/campaigns/${campaign.id}`);
    const title = page.locator('[data-testid="node-tag"] .flow-node__title');
    await title.waitFor();
    expect(await title.isVisible()).toBe(true);
    // The minimap draws each element in its group's colour token (styles/tokens.css).
    const minimapFills = await page.locator('.react-flow__minimap-node').evaluateAll((rects) => rects.map((rect) => getComputedStyle(rect).fill));
    expect(minimapFills).toEqual(['rgb(18, 128, 111)', 'rgb(47, 111, 214)', 'rgb(183, 121, 10)']);

    // Each click zooms by 1.2: seven take the fitted zoom (at most 1.1) below 0.4.
    for (let click = 0; click < 7; click++) await page.locator('.react-flow__controls-zoomout').click();
    await title.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('node-tag').isVisible()).toBe(true);

    for (let click = 0; click < 7; click++) await page.locator('.react-flow__controls-zoomin').click();
    await title.waitFor({ state: 'visible' });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('tidies the elements up left to right, and says so when the layout code cannot be fetched', async () => {
    const campaign = await aCampaign(app.client, 'Untidy', {
      nodes: [
        { id: 'start', type: 'trigger.manual', position: { x: 0, y: 480 }, data: { config: {} } },
        { id: 'tag', type: 'action.addTag', position: { x: 0, y: 0 }, data: { config: { tag: 'vip' } } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'tag' }],
    });
    const { page, consoleErrors } = await signedInPage(app.browser, app.api.url);
    await page.route('**/assets/auto-layout-*.js', (route) => route.abort());
    await page.goto(`${app.api.url}/campaigns/${campaign.id}`);
    await page.getByTestId('node-tag').waitFor();

    await page.getByTestId('auto-layout').click();
    await page.getByRole('alert').filter({ hasText: 'Could not load the auto-layout' }).waitFor();
    expect(await page.getByText('Unsaved changes').count()).toBe(0);

    await page.unroute('**/assets/auto-layout-*.js');
    await page.getByTestId('auto-layout').click();
    await page.getByText('Unsaved changes').waitFor();
    await page.keyboard.press('Control+s');
    await page.getByText('All changes saved').waitFor();
    const saved = await app.client.call<{ graph: { nodes: { id: string; position: { x: number; y: number } }[] } }>(
      'GET',
      `/api/v1/campaigns/${campaign.id}`,
    );
    const at = Object.fromEntries(saved.body.graph.nodes.map((node) => [node.id, node.position]));
    expect(at['tag'].x).toBeGreaterThan(at['start'].x + 200);
    expect(Math.abs(at['tag'].y - at['start'].y)).toBeLessThan(40);
    // The one error logged is the refused fetch itself.
    expect(consoleErrors).toEqual([expect.stringContaining('net::ERR_FAILED')]);
    await page.close();
  });

  it('opens a campaign from its address once signed in, when the link was followed signed out', async () => {
    const campaign = await aCampaign(app.client, 'Linked', {
      nodes: [{ id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } }],
      edges: [],
    });
    const { page, consoleErrors } = await watchedPage(app.browser);
    await page.goto(`${app.api.url}/campaigns/${campaign.id}`);
    await page.getByTestId('login-email').fill(owner.email);
    await page.getByTestId('login-password').fill(owner.password);
    await page.getByTestId('login-submit').click();

    await page.getByTestId('node-start').waitFor();
    expect(page.url()).toBe(`${app.api.url}/campaigns/${campaign.id}`);
    // Signed out, nothing was asked of the API that could only answer 401.
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
