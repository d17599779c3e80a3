// Debian's Chromium driven by playwright-core (whose own browser downloads cannot run here), one
// fresh profile per launch, so no stored position or cache leaks from one test file to the next.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';
/**
 * Why the browser tests are skipped, or undefined when they run. In CI (CI set, as .ci/run does) a
 * missing browser fails the test file instead: skipping there would drop every browser and axe test unseen.
 */
export function whyNoBrowser(path = chromiumPath, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (existsSync(path)) return undefined;
  const why = `${path} is absent (install Debian's chromium package, as .ci/run does)`;
  if (env.CI) throw new Error(`CI must run the browser tests, but ${why}`);
  return why;
}
export const noBrowser = whyNoBrowser();

const flags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(options: { colorScheme?: 'light' | 'dark'; width?: number; deviceScaleFactor?: number } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'newscast-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1000, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the page's (first) player has loaded its episode and listed its transcript. */
export async function playerReady(page: Page, selector = 'newscast-player'): Promise<void> {
  await page.waitForFunction((selector) => {
    const root = document.querySelector(selector)?.shadowRoot;
    const audio = root?.querySelector('audio');
    return Boolean(audio && audio.readyState >= 1 && root!.querySelector('.cue'));
  }, selector);
}

const require = createRequire(import.meta.url);

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: unknown[]; failureSummary: string }[];
}

/** axe-core in the page, WCAG 2.0, 2.1 and 2.2 A and AA rules; its violations, described for a failing test's message. */
export async function axeViolations(page: Page): Promise<{ violations: AxeViolation[]; report: string }> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }));
  });
  const report = violations
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes.map((node) => `  ${JSON.stringify(node.target)}: ${node.failureSummary}`).join('\n')}`)
    .join('\n');
  return { violations, report };
}
