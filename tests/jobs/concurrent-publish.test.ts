// Twenty jobs of one service finishing together: each publishes under OUT's lock, so the feed
// ends whole, with every episode once.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { expect, test } from 'vitest';
import { createService } from '../../src/jobs/service.js';
import { shortArticle } from './queue-contract.js';

test('20 jobs finishing together leave a well-formed feed with 20 items and 20 folders', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-twenty-'));
  const service = await createService({ outDir, concurrency: 20 });
  try {
    const submitted = await Promise.all(Array.from({ length: 20 }, (_, n) => service.submit(shortArticle(n, 'Ashford'), { format: 'text', engine: 'flite-wasm' })));
    const jobs = await Promise.all(submitted.map(({ job }) => service.settled(job.id)));
    expect(jobs.map((job) => job.state)).toEqual(Array(20).fill('done'));
  } finally {
    await service.close();
  }
  const folders = readdirSync(outDir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
  expect(folders).toHaveLength(20);
  const xml = readFileSync(join(outDir, 'feed.xml'), 'utf8');
  const feed = new XMLParser({ ignoreAttributes: false }).parse(xml, true) as { rss: { channel: { item: Array<{ title: string; enclosure: { '@_url': string; '@_length': string } }> } } };
  const items = feed.rss.channel.item;
  expect(items).toHaveLength(20);
  expect(new Set(items.map((item) => item.title)).size).toBe(20);
  for (const item of items) {
    const slug = decodeURIComponent(new URL(item.enclosure['@_url']).pathname).split('/').at(-2)!;
    expect(Number(item.enclosure['@_length'])).toBe(statSync(join(outDir, slug, 'episode.mp3')).size);
  }
}, 180_000);
