// The pipeline's cache switch, end to end: NEWSCAST_CACHE_DIR is where entries go, --no-cache
// (cache: false) leaves it untouched.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { renderEpisode } from '../../src/pipeline.js';

const ssml = '<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-US"><p><s><mark name="s1"/>The bridge reopens on Monday.</s></p></speak>';
const savedCacheDir = process.env['NEWSCAST_CACHE_DIR'];

afterEach(() => {
  if (savedCacheDir === undefined) delete process.env['NEWSCAST_CACHE_DIR'];
  else process.env['NEWSCAST_CACHE_DIR'] = savedCacheDir;
});

/** Every file under a folder, at any depth. */
const filesUnder = (folder: string): string[] => readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);

describe('the speech cache in the pipeline', () => {
  test('by default spoken runs are stored under NEWSCAST_CACHE_DIR; with cache: false nothing is', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'newscast-cache-option-out-'));
    const unused = mkdtempSync(join(tmpdir(), 'newscast-no-cache-'));
    process.env['NEWSCAST_CACHE_DIR'] = unused;
    await renderEpisode(ssml, { engine: 'flite-wasm', title: 'Bridge', outDir, cache: false, jobs: 1 });
    expect(filesUnder(unused)).toEqual([]);

    const used = mkdtempSync(join(tmpdir(), 'newscast-cache-'));
    process.env['NEWSCAST_CACHE_DIR'] = used;
    const progress: string[] = [];
    await renderEpisode(ssml, { engine: 'flite-wasm', title: 'Bridge', outDir, jobs: 1, onProgress: (event) => event.detail && progress.push(event.detail) });
    // Assembly keeps its encoded segments in the same folder: the speech entries are the .pcm files.
    const speech = filesUnder(used).filter((name) => name.endsWith('.pcm'));
    expect(speech).toHaveLength(1);
    expect(speech[0]).toMatch(/^[0-9a-f]{64}\.pcm$/);
    expect(progress.some((detail) => detail.endsWith('0 from the cache, 1 spoken'))).toBe(true);
  }, 60_000);
});
