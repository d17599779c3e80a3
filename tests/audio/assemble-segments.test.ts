// Segmented assembly: the same content gives the same bytes whatever the parallelism, a second
// run comes from the segment cache, an edit re-encodes only the segments it touched, and a damaged
// cache entry is encoded again instead of used.
import { readdir, readFile, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleEpisode } from '../../src/audio/assemble.js';
import type { AssemblyRequest } from '../../src/audio/assembly.js';
import { resolveTemplate } from '../../src/audio/template.js';
import type { Narration } from '../../src/tts/narration.js';
import { decode } from '../e2e/audio-reader.js';
import { makeNarration, newsSections, type NarrationSection } from './speech-fixture.js';

let folder: string;
let narration: Narration;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'newscast-segments-'));
  narration = await makeNarration(join(folder, 'narration.wav'), newsSections);
}, 60_000);
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function assemble(name: string, options: Partial<AssemblyRequest> & { narration: Narration }) {
  const workDir = join(folder, `${name}-work`);
  await mkdir(workDir, { recursive: true });
  const outputPath = join(folder, `${name}.mp3`);
  const tags = { title: 'Segments', artist: 'Test', album: 'Newscast', comment: 'Segmented assembly' };
  const episode = await assembleEpisode({ template: await resolveTemplate('default'), tags, outputPath, workDir, ...options });
  return { episode, bytes: await readFile(outputPath), outputPath };
}

/** Every entry file in a cache folder. */
async function entries(cacheFolder: string): Promise<string[]> {
  const found = await readdir(cacheFolder, { recursive: true, withFileTypes: true }).catch(() => []);
  return found.filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp')).map((entry) => join(entry.parentPath, entry.name));
}

describe('segmented assembly', () => {
  it('gives the same bytes with --jobs 1 and --jobs 2', async () => {
    const one = await assemble('jobs1', { narration, jobs: 1 });
    const two = await assemble('jobs2', { narration, jobs: 2 });
    expect(two.bytes.equals(one.bytes)).toBe(true);
  }, 60_000);

  it('takes a second run from the cache, and re-encodes only what an edit touched', async () => {
    const cacheFolder = join(folder, 'cache');
    const cold = await assemble('cold', { narration, cacheFolder, jobs: 2 });
    const afterCold = await entries(cacheFolder);
    // Three chapters, cut at their 0.8 s pauses, plus the clips' survey.
    expect(afterCold.length).toBeGreaterThanOrEqual(3);

    const warm = await assemble('warm', { narration, cacheFolder, jobs: 2 });
    expect(warm.bytes.equals(cold.bytes)).toBe(true);
    expect(await entries(cacheFolder)).toEqual(afterCold);

    const editedSections: NarrationSection[] = newsSections.map((section, index) =>
      index === 1 ? { ...section, paragraphs: [...section.paragraphs, 'Parking will be free on Saturdays.'] } : section,
    );
    const edited = await makeNarration(join(folder, 'edited.wav'), editedSections);
    const edit = await assemble('edit', { narration: edited, cacheFolder, jobs: 2 });
    expect((await entries(cacheFolder)).length).toBe(afterCold.length + 1);
    // The last chapter and outro were not touched: their frames are the very same bytes, only moved.
    const lastChapter = cold.bytes.subarray(cold.bytes.length - 20_000, cold.bytes.length - 10_000);
    expect(edit.bytes.includes(lastChapter)).toBe(true);
    expect(edit.episode.durationSeconds).toBeGreaterThan(cold.episode.durationSeconds + 1);
  }, 120_000);

  it('encodes a damaged cache entry again rather than using it', async () => {
    const cacheFolder = join(folder, 'damaged-cache');
    const first = await assemble('first', { narration, cacheFolder });
    const segmentFiles = (await entries(cacheFolder)).filter((path) => path.includes('segments'));
    for (const path of segmentFiles) {
      const bytes = await readFile(path);
      bytes[bytes.length - 100] ^= 0xff;
      await writeFile(path, bytes);
    }
    const second = await assemble('second', { narration, cacheFolder });
    expect(second.bytes.equals(first.bytes)).toBe(true);
    const samples = await decode(second.outputPath, 44100);
    expect(samples.length).toBe(Math.round(second.episode.durationSeconds * 44100));
  }, 60_000);
});
