import { testDatabaseMode } from '@tideway/server/testing';
import { aCampaign, aWelcomeGraph, signedInPage, useBuiltApp } from './support/builder-fixtures';

const embedded = testDatabaseMode() === 'pglite' ? describe : describe.skip;

embedded('testing, publishing and the history of a campaign in the browser', () => {
  const app = useBuiltApp();

  it('runs a test contact through the draft and lights up its path', async () => {
    const campaign = await aCampaign(app.client, 'Welcome journey', aWelcomeGraph());
    const { page, consoleErrors } = await signedInPage(app.browser, app.api.url);
    await page.goto(`${app.api.url}/campaigns/${campaign.id}`);
    await page.getByTestId('test-run-button').click();
    await page.getByTestId('test-contact-email').fill('grace@example.test');
    await page.getByTestId('test-contact-first-name').fill('Grace');
    await page.getByLabel('Tags').fill('vip');
    await page.getByTestId('test-run-start').click();

    //   trigger -> vip (yes) -> crm -> wait -> nurtured -> end
    for (const id of ['trigger', 'vip', 'crm', 'wait', 'nurtured', 'end']) {
      await page.locator(`[data-testid="node-${id}"][data-on-path="true"]`).waitFor();
    }
    expect(await page.locator('[data-on-path="true"]').count()).toBe(6);
    expect(await page.locator('[data-testid="node-split"]').getAttribute('data-on-path')).toBeNull();
    await expect(page.getByTestId('test-run-result').getByTestId('preview-body').textContent()).resolves.toBe(
      'First_Name=Grace&Email=grace%40example.test',
    );
    await page.getByTestId('test-final-state').getByText(/Completed/).waitFor();
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('publishes, shows the live status, pauses and resumes', async () => {
    const campaign = await aCampaign(app.client, 'Go live', aWelcomeGraph());
    const { page, consoleErrors } = await signedInPage(app.browser, app.api.url);
    await page.goto(`${app.api.url}/campaigns/${campaign.id}`);
    await expect(page.getByTestId('campaign-status').textContent()).resolves.toBe('Draft');
    await page.getByTestId('publish-button').click();
    await page.getByTestId('confirm-publish').click();
    await page.locator('[data-testid="campaign-status"][data-status="live"]').waitFor();
    await expect(page.getByTestId('campaign-status').textContent()).resolves.toBe('Live');
    // Live campaigns show the contacts on each element.
    await page.getByTestId('node-count-trigger').waitFor();

    await page.getByTestId('pause-button').click();
    await page.locator('[data-testid="campaign-status"][data-status="paused"]').waitFor();
    await page.getByTestId('resume-button').click();
    await page.locator('[data-testid="campaign-status"][data-status="live"]').waitFor();
    const stored = await app.client.call<{ status: string; publishedRevision: number }>('GET', `/api/v1/campaigns/${campaign.id}`);
    expect(stored.body).toMatchObject({ status: 'live', publishedRevision: campaign.draftRevision });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('compares two revisions on the canvas and restores the older one', async () => {
    const graph = aWelcomeGraph();
    const campaign = await aCampaign(app.client, 'Edited twice', graph);
    // Revision 2: the VIP tag is renamed and the cold-tag branch ends straight away.
    const edited = structuredClone(graph);
    edited.nodes.find((node) => node.id === 'nurtured')!.data.config = { tag: 'engaged' };
    edited.nodes = edited.nodes.filter((node) => node.id !== 'tag-b');
    edited.edges = edited.edges.filter((edge) => edge.source !== 'tag-b' && edge.target !== 'tag-b');
    edited.edges.push({ id: 'e11', source: 'split', target: 'end', sourceHandle: 'b' });
    const saved = await app.client.call<{ revision: number }>('PUT', `/api/v1/campaigns/${campaign.id}/draft`, {
      graph: edited,
      baseRevision: campaign.draftRevision,
      message: 'Rename the nurture tag',
    });
    expect(saved.status).toBe(200);

    const { page, consoleErrors } = await signedInPage(app.browser, app.api.url);
    await page.goto(`${app.api.url}/campaigns/${campaign.id}`);
    await page.getByTestId('history-button').click();
    const rows = page.getByTestId('revision-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    await rows.first().getByText('Rename the nurture tag').waitFor();

    await rows.nth(0).getByTestId('revision-compare').check();
    await rows.nth(1).getByTestId('revision-compare').check();
    await page.getByTestId('compare-button').click();
    await page.locator('[data-testid="node-nurtured"] .flow-node--diff-changed').waitFor();
    await page.locator('[data-testid="node-tag-b"] .flow-node--diff-removed').waitFor();
    const changed = page.getByTestId('diff-changed');
    await expect(changed.locator('.diff-before').textContent()).resolves.toBe('nurtured');
    await expect(changed.locator('.diff-after').textContent()).resolves.toBe('engaged');

    await rows.nth(1).getByTestId('revision-restore').click();
    await page.getByText(/restored as revision 3/).waitFor();
    await page.getByTestId('node-tag-b').waitFor();
    const restored = await app.client.call<{ draftRevision: number; graph: { nodes: { id: string }[] } }>('GET', `/api/v1/campaigns/${campaign.id}`);
    expect(restored.body.draftRevision).toBe(3);
    expect(restored.body.graph.nodes.map((node) => node.id)).toContain('tag-b');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('lists, searches and opens contacts', async () => {
    await app.client.call('POST', '/api/v1/contacts', { email: 'ada@example.test', firstName: 'Ada', tags: ['newsletter'] });
    await app.client.call('POST', '/api/v1/contacts', { email: 'linus@example.test', firstName: 'Linus' });
    const { page, consoleErrors } = await signedInPage(app.browser, app.api.url);
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('contact-row').filter({ hasText: 'linus@example.test' }).waitFor();
    await page.getByPlaceholder(/search/i).first().fill('ada');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact-row"]').length === 1);
    await page.getByTestId('contact-row').getByText('ada@example.test').click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.getByText('newsletter').first().waitFor();
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
