import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { testDatabaseMode } from '@tideway/server/testing';
import { aCampaign, aWelcomeGraph, signedInPage, useBuiltApp } from './support/builder-fixtures';

const embedded = testDatabaseMode() === 'pglite' ? describe : describe.skip;

embedded('the builder, as the README shows it', () => {
  const app = useBuiltApp();

  it('opens a realistic campaign with its webhook settings at 1280x800', async () => {
    const campaign = await aCampaign(app.client, 'Welcome journey', aWelcomeGraph());
    const { page, consoleErrors } = await signedInPage(app.browser, app.api.url);
    await page.goto(`${app.api.url}/campaigns/${campaign.id}`);
    await page.getByTestId('node-crm').waitFor();
    await page.getByTestId('node-crm').click();
    await page.getByTestId('config-panel').waitFor();
    await page.getByTestId('preview-body').waitFor();
    await mkdir(path.resolve(__dirname, '../../../tmp'), { recursive: true });
    // Fit the campaign beside the open panel, then one step closer so the cards read at 1280 wide.
    await page.locator('.react-flow__controls-fitview').click();
    await page.locator('.react-flow__controls-zoomin').click();
    await page.waitForTimeout(400); // the zoom animates; a screenshot is the one place a still frame matters
    await page.screenshot({ path: path.resolve(__dirname, '../../../tmp/builder.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.resolve(__dirname, '../../../tmp/builder-1920.png') });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
