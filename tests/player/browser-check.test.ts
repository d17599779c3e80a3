// The browser tests skip themselves where Chromium is absent, but never silently in CI.
import { describe, expect, it } from 'vitest';
import { whyNoBrowser } from './browser.js';

describe('whyNoBrowser', () => {
  it('says why the browser tests are skipped on a machine without Chromium', () => {
    expect(whyNoBrowser('/nonexistent/chromium', {})).toMatch(/\/nonexistent\/chromium is absent/);
  });

  it('fails instead in CI, so the browser and axe tests cannot go quietly missing', () => {
    expect(() => whyNoBrowser('/nonexistent/chromium', { CI: '1' })).toThrow(/CI.*chromium/);
  });

  it('runs them where Chromium is', () => {
    expect(whyNoBrowser(process.execPath, { CI: '1' })).toBeUndefined();
  });
});
