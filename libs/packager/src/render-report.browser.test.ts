import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRun } from '@forge/packager';
import { writeRunTree, type RunTree } from './__fixtures__/run-tree.ts';

const CHROMIUM = '/usr/bin/chromium';
// Flags from TECH_NOTES "Browser checks".
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let tree: RunTree;
beforeAll(async () => {
  tree = await writeRunTree(await mkdtemp(join(tmpdir(), 'report-browser-')));
  await packageRun({ generatedDir: tree.generatedDir, outDir: tree.outDir, promptsFile: tree.promptsFile, logsDir: tree.logsDir });
});
afterAll(async () => {
  await rm(tree.root, { recursive: true, force: true });
});

describe.skipIf(!existsSync(CHROMIUM))('report.html in headless Chromium', () => {
  it('renders offline with no requests beyond the page, no script, and screenshots', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'report-profile-'));
    const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, headless: true });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('pageerror', (error) => errors.push(error.message));
      const url = pathToFileURL(join(tree.outDir, 'report.html')).href;
      await page.goto(url);
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(5);
      await page.locator('summary').first().click();
      const screenshot = join(tree.outDir, 'report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
