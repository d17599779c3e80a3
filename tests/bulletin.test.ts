import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, vi } from 'vitest';
import * as ffmpeg from '../src/audio/ffmpeg.js';
import { generateBulletin, scriptBulletin } from '../src/bulletin.js';
import { scriptArticle } from '../src/pipeline.js';
import { readScriptMetadata } from '../src/script/metadata.js';

// ffmpeg itself runs; the test only counts which files it is asked to read.
vi.mock('../src/audio/ffmpeg.js', async (importOriginal) => {
  const real = await importOriginal<typeof ffmpeg>();
  return { ...real, runFfmpeg: vi.fn(real.runFfmpeg) };
});

const ferry = resolve('tests/fixtures/articles/bulletin-ferry-resumes.md');
const orchestra = resolve('tests/fixtures/articles/bulletin-orchestra-tour.txt');

test('--skip-bad: the script records a left-out article by its file name and the error, never its folder', async () => {
  // A newsroom's drafts folder: its path names what is under embargo.
  const drafts = join(mkdtempSync(join(tmpdir(), 'newscast-left-out-')), 'embargoed-until-friday');
  mkdirSync(drafts);
  const empty = join(drafts, 'minister-resigns.txt');
  writeFileSync(empty, '');
  const missing = join(drafts, 'merger-talks.md');
  const notes: string[] = [];
  const ssml = await scriptBulletin([ferry, missing, empty], { skipBad: true, onNote: (note) => notes.push(note) });

  expect(ssml).not.toContain('embargoed-until-friday');
  expect(readScriptMetadata(ssml).leftOut).toEqual([
    { article: 'merger-talks.md', kind: 'input', reason: 'merger-talks.md does not exist.' },
    { article: 'minister-resigns.txt', kind: 'input', reason: 'minister-resigns.txt is empty.' },
  ]);
  // The full paths are for whoever ran the command (stderr), not the published files.
  expect(notes[0]).toContain(missing);
  expect(notes[1]).toContain(empty);
});

test('the script names the built-in template it was written for, for render to use; a template folder is not named', async () => {
  const news = await scriptBulletin([ferry], { template: 'news' });
  expect(readScriptMetadata(news).template).toBe('news');
  // As a single-story script does.
  expect(readScriptMetadata(await scriptArticle(ferry, { template: 'news' })).template).toBe('news');
  // A folder's path would not travel with the script, and would publish the newsroom's layout.
  const folder = resolve('audio-templates/news');
  expect(readScriptMetadata(await scriptBulletin([ferry], { template: folder })).template).toBeUndefined();
  expect(readScriptMetadata(await scriptBulletin([ferry])).template).toBeUndefined();
});

test('--no-cache --max-minutes: the final render takes every run from the measuring renders, and the clips are measured once', async () => {
  const work = mkdtempSync(join(tmpdir(), 'newscast-fit-cache-'));
  const previous = process.env['NEWSCAST_CACHE_DIR'];
  process.env['NEWSCAST_CACHE_DIR'] = join(work, 'cache');
  const details: string[] = [];
  const runFfmpeg = vi.mocked(ffmpeg.runFfmpeg);
  runFfmpeg.mockClear();
  try {
    await generateBulletin([ferry, orchestra], {
      outDir: join(work, 'out'),
      engine: 'flite-wasm',
      template: 'news',
      maxMinutes: 5,
      cache: false,
      onProgress: (event) => event.stage === 'render' && event.detail && details.push(event.detail),
    });
  } finally {
    if (previous === undefined) delete process.env['NEWSCAST_CACHE_DIR'];
    else process.env['NEWSCAST_CACHE_DIR'] = previous;
  }
  // The final render: nothing spoken again.
  const final = details.map((detail) => /^done in .* s, (\d+) from the cache, (\d+) spoken$/.exec(detail)).find(Boolean);
  expect(final, details.join('\n')).toBeTruthy();
  expect(Number(final![1])).toBeGreaterThan(10);
  expect(Number(final![2])).toBe(0);
  // --no-cache: the user's cache is neither read nor written.
  expect(existsSync(join(work, 'cache')) ? readdirSync(join(work, 'cache')) : []).toEqual([]);
  // The intro clip is measured (length and loudness: a filter graph, no file written) once for
  // fitting, whatever the rounds, and once by the assembly.
  const introSurveys = runFfmpeg.mock.calls.filter(([job]) => job.inputs.some((input) => input.path.endsWith('/news/intro.flac')) && job.filterGraph !== undefined && job.outputs.every((output) => output.path === '-'));
  expect(introSurveys).toHaveLength(2);
}, 120_000);
