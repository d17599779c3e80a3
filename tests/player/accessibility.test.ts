// axe-core in Chromium on the show page, the episode page and the embedded widget, with the
// chapter list and the transcript open, in the light and the dark scheme: WCAG 2.0, 2.1 and 2.2,
// A and AA. Any violation fails the test and is printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, launchBrowser, noBrowser, playerReady, type Browser } from './browser.js';
import { serveGeneratedSite, type ServedSite } from './served-site.js';

async function openPanels(page: Page): Promise<void> {
  for (const toggle of await page.locator('newscast-player button.toggle').all()) await toggle.click();
  await page.waitForFunction(() => [...document.querySelector('newscast-player')!.shadowRoot!.querySelectorAll('.panel')].every((panel) => !(panel as HTMLElement).hidden));
}

describe.skipIf(noBrowser)('accessibility (axe-core, WCAG 2.2 AA)', () => {
  let site: ServedSite;
  beforeAll(async () => {
    site = await serveGeneratedSite();
  }, 120_000);
  afterAll(async () => {
    await site?.close();
  });

  it('reflows at 320 CSS px (a phone, or 1280 px at 400% zoom): nothing scrolls sideways, panels open', async () => {
    const browser = await launchBrowser({ width: 320 });
    try {
      const page = await browser.context.newPage();
      for (const url of [site.url, site.episodeUrl, site.embedUrl]) {
        await page.goto(url);
        if (url !== site.url) {
          await playerReady(page);
          await openPanels(page);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(320);
        if (url === site.url) continue;
        // The speaker icon is the volume slider's only visible label: they stay on one line.
        const [mute, volume] = await page.evaluate(() =>
          ['.mute', '.volume'].map((selector) => {
            const box = document.querySelector('newscast-player')!.shadowRoot!.querySelector(selector)!.getBoundingClientRect();
            return { top: box.top, bottom: box.bottom, left: box.left, right: box.right };
          }),
        );
        expect(volume!.top < mute!.bottom && mute!.top < volume!.bottom && volume!.left >= mute!.right, url).toBe(true);
      }
    } finally {
      await browser.close();
    }
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    describe(`${colorScheme} scheme`, () => {
      let browser: Browser;
      let page: Page;
      beforeAll(async () => {
        browser = await launchBrowser({ colorScheme });
        page = await browser.context.newPage();
      });
      afterAll(async () => {
        await browser?.close();
      });

      it('the show page has no violations', async () => {
        await page.goto(site.url);
        const { violations, report } = await axeViolations(page);
        expect(violations, report).toEqual([]);
      });

      it('the episode page has none, chapters and transcript open, a chapter and a sentence current', async () => {
        await page.goto(site.episodeUrl);
        await playerReady(page);
        await openPanels(page);
        await page.locator('newscast-player .chapter').nth(1).click();
        await page.waitForSelector('newscast-player .cue[aria-current]');
        const { violations, report } = await axeViolations(page);
        expect(violations, report).toEqual([]);
      });

      it('the widget embedded on another origin has none', async () => {
        await page.goto(site.embedUrl);
        await playerReady(page);
        await openPanels(page);
        const { violations, report } = await axeViolations(page);
        expect(violations, report).toEqual([]);
      });
    });
  }
});
