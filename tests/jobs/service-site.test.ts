// A service started on an empty folder gives `newscast serve` a show page before the first episode.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createService } from '../../src/jobs/service.js';

it('writes the feed and the show page on an empty folder', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-service-site-'));
  const service = await createService({ outDir });
  try {
    expect(existsSync(join(outDir, 'feed.xml'))).toBe(true);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('No episodes yet.');
  } finally {
    await service.close();
  }
});
