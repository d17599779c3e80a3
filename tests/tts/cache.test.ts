import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { SpeechCache, decodeEntry, encodeEntry, type SpeechKey } from '../../src/tts/cache.js';
import { defaultCacheFolder } from '../../src/tts/cache-folder.js';
import { withCache } from '../../src/tts/cached-engine.js';
import { CountingEngine, ToneEngine } from './counting-engine.js';

const freshCache = () => new SpeechCache(mkdtempSync(join(tmpdir(), 'newscast-cache-test-')));
const key: SpeechKey = { engine: 'tone', engineVersion: 'tone 1', voice: 'beep', rate: 1, text: 'Hello there.' };
const pcm = { samples: Int16Array.from({ length: 1000 }, (_, i) => (i * 37) % 2000 - 1000), sampleRate: 8000 };

describe('speech cache entries', () => {
  test('a stored entry reads back sample for sample', async () => {
    const cache = freshCache();
    expect(await cache.read(key)).toBeUndefined();
    await cache.write(key, pcm);
    const stored = await cache.read(key);
    expect(stored?.sampleRate).toBe(8000);
    expect(Array.from(stored!.samples)).toEqual(Array.from(pcm.samples));
  });

  test('every part of the key separates entries', () => {
    const paths = new Set(
      [key, { ...key, engine: 'flite' }, { ...key, engineVersion: 'tone 2' }, { ...key, voice: 'boop' }, { ...key, rate: 1.1 }, { ...key, text: 'Hello there!' }].map(
        (variant) => freshCache().pathOf(variant).split(/[\\/]/).pop(),
      ),
    );
    expect(paths.size).toBe(6);
  });

  test('a truncated entry is not used, and is removed', async () => {
    const cache = freshCache();
    await cache.write(key, pcm);
    const path = cache.pathOf(key);
    truncateSync(path, statSync(path).size - 10);
    expect(await cache.read(key)).toBeUndefined();
    expect(existsSync(path)).toBe(false);
  });

  test('an entry with one flipped bit in its samples is not used', async () => {
    const cache = freshCache();
    await cache.write(key, pcm);
    const path = cache.pathOf(key);
    const bytes = readFileSync(path);
    bytes[bytes.length - 100]! ^= 0x04;
    writeFileSync(path, bytes);
    expect(await cache.read(key)).toBeUndefined();
  });

  test('an entry decodes the same from an aligned buffer and from one at an odd offset', () => {
    const entry = encodeEntry(pcm);
    const odd = Buffer.concat([Buffer.alloc(1), entry]).subarray(1);
    expect(decodeEntry(entry)).toEqual(pcm);
    expect(decodeEntry(odd)).toEqual(pcm);
  });

  test('headers that lie are refused', async () => {
    const good = encodeEntry(pcm);
    expect(decodeEntry(good)).toBeDefined();
    const badCount = Buffer.from(good);
    badCount.writeUInt32LE(999, 4);
    expect(decodeEntry(badCount)).toBeUndefined();
    expect(decodeEntry(Buffer.alloc(0))).toBeUndefined();
    // A file that is not an entry at all (another program's, or another layout's).
    const cache = freshCache();
    await cache.write(key, pcm);
    const path = cache.pathOf(key);
    const bytes = readFileSync(path);
    bytes[0] = 0x41;
    writeFileSync(path, bytes);
    expect(await cache.read(key)).toBeUndefined();
    expect(existsSync(path)).toBe(false);
  });
});

describe('the cached engine', () => {
  test('a miss speaks and stores; a hit speaks nothing and returns the same samples', async () => {
    const cache = freshCache();
    const counting = new CountingEngine(new ToneEngine());
    const cached = withCache(counting, cache);
    const first = await cached.speak('One run.', { voice: 'beep', rate: 1 });
    const second = await cached.speak('One run.', { voice: 'beep', rate: 1 });
    expect(counting.spoken).toEqual(['One run.']);
    expect(cached.counts).toEqual({ hits: 1, misses: 1 });
    expect(Array.from(second.samples)).toEqual(Array.from(first.samples));
    // Another rate is other speech.
    await cached.speak('One run.', { voice: 'beep', rate: 0.8 });
    expect(counting.spoken).toHaveLength(2);
  });

  test('a corrupt entry is spoken again and replaced by a good one', async () => {
    const cache = freshCache();
    const counting = new CountingEngine(new ToneEngine());
    const cached = withCache(counting, cache);
    const good = await cached.speak('Damaged later.', { voice: 'beep', rate: 1 });
    const path = cache.pathOf({ engine: 'tone', engineVersion: 'tone 1', voice: 'beep', rate: 1, text: 'Damaged later.' });
    truncateSync(path, 60);
    const again = await cached.speak('Damaged later.', { voice: 'beep', rate: 1 });
    expect(counting.spoken).toEqual(['Damaged later.', 'Damaged later.']);
    expect(Array.from(again.samples)).toEqual(Array.from(good.samples));
    expect(await cache.read({ engine: 'tone', engineVersion: 'tone 1', voice: 'beep', rate: 1, text: 'Damaged later.' })).toBeDefined();
  });
});

describe('concurrent writers', () => {
  test('many writes of one key at once leave one whole entry and no temporary files', async () => {
    const cache = freshCache();
    await Promise.all(Array.from({ length: 20 }, () => cache.write(key, pcm)));
    const folder = join(cache.pathOf(key), '..');
    expect(readdirSync(folder)).toEqual([cache.pathOf(key).split(/[\\/]/).pop()]);
    expect(await cache.read(key)).toBeDefined();
  });

  // The built module, so plain node processes can load it (npm test builds first).
  const builtCache = fileURLToPath(new URL('../../dist/tts/cache.js', import.meta.url));

  test.skipIf(!existsSync(builtCache))('several processes writing the same key while another reads never expose a bad entry', async () => {
    const cache = freshCache();
    const writer = `
      import { SpeechCache } from ${JSON.stringify(`file://${builtCache}`)};
      const cache = new SpeechCache(${JSON.stringify(cache.folder)});
      const samples = Int16Array.from({ length: 200000 }, (_, i) => (i * 37) % 2000 - 1000);
      for (let i = 0; i < 15; i++) await cache.write(${JSON.stringify(key)}, { samples, sampleRate: 8000 });
    `;
    const writers = Array.from({ length: 4 }, () =>
      new Promise<number | null>((resolve) => spawn(process.execPath, ['--input-type=module', '-e', writer], { stdio: 'inherit' }).on('exit', resolve)),
    );
    let done = false;
    let reads = 0;
    let badReads = 0;
    const reader = (async () => {
      while (!done) {
        const stored = await cache.read(key);
        if (stored) reads++;
        if (stored && stored.samples.length !== 200000) badReads++;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    expect(await Promise.all(writers)).toEqual([0, 0, 0, 0]);
    done = true;
    await reader;
    const stored = await cache.read(key);
    expect(stored?.samples.length).toBe(200000);
    expect(reads).toBeGreaterThan(0);
    expect(badReads).toBe(0);
    expect(readdirSync(join(cache.pathOf(key), '..'))).toHaveLength(1);
  }, 30_000);
});

describe('where the cache lives', () => {
  test('NEWSCAST_CACHE_DIR wins everywhere', () => {
    expect(defaultCacheFolder({ NEWSCAST_CACHE_DIR: '/x/cache' }, 'linux')).toBe('/x/cache');
    expect(defaultCacheFolder({ NEWSCAST_CACHE_DIR: '/x/cache' }, 'darwin')).toBe('/x/cache');
  });

  test("otherwise the platform's cache folder", () => {
    expect(defaultCacheFolder({ XDG_CACHE_HOME: '/home/u/.xdg' }, 'linux')).toBe(join('/home/u/.xdg', 'newscast'));
    expect(defaultCacheFolder({}, 'linux')).toMatch(/[\\/]\.cache[\\/]newscast$/);
    expect(defaultCacheFolder({}, 'darwin')).toMatch(/[\\/]Library[\\/]Caches[\\/]newscast$/);
    expect(defaultCacheFolder({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32')).toMatch(/newscast[\\/]Cache$/);
  });
});
