// A broken template (a clip that is not audio, a font that is not a font) is refused before any
// work, naming the one bad file, with exit 3 and nothing written.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'newscast-template-checks-'));
const defaultTemplate = fileURLToPath(new URL('../../audio-templates/default/', import.meta.url));
const article = join(dir, 'story.txt');
writeFileSync(
  article,
  'Harbour town approves new ferry timetable\n\nThe Millbrook town council voted on Monday to add two evening ferry crossings to the island of Skerrin.\n',
);

/** A copy of the default template with `changes` merged into its template.json and `files` written beside it. */
function template(name: string, changes: Record<string, unknown>, files: Record<string, string | Buffer> = {}): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  for (const clip of ['intro.flac', 'outro.flac']) copyFileSync(join(defaultTemplate, clip), join(folder, clip));
  for (const [file, content] of Object.entries(files)) writeFileSync(join(folder, file), content);
  const json = {
    show: 'Checks',
    language: 'en',
    preset: 'speech',
    intro: { clip: 'intro.flac', crossfade: 0.6, gap: 0 },
    outro: { clip: 'outro.flac', gap: 0.8 },
    cover: { background: '#1b2a41', accent: '#e4572e', text: '#ffffff' },
    lines: { intro: ['This is {show}.'], outro: ['Thanks for listening.'] },
    ...changes,
  };
  writeFileSync(join(folder, 'template.json'), JSON.stringify(json, null, 2));
  return folder;
}

async function generateWith(templateDir: string, out: string) {
  return runCli(['generate', article, '--template', templateDir, '-o', out, '--engine', 'flite-wasm', '--no-cache', '-q']);
}

describe('template clips', () => {
  test('an intro clip that is not audio: exit 3 naming only that clip, no ffmpeg log, nothing created', async () => {
    const folder = template('text-intro', { intro: { clip: 'intro.wav', crossfade: 0.6, gap: 0 } }, { 'intro.wav': 'This is a note, not a recording.\n' });
    const out = join(dir, 'out-text-intro');
    const { code, stderr } = await generateWith(folder, out);
    expect(code).toBe(3);
    expect(stderr).toContain(`newscast: error: The template's intro clip ${join(folder, 'intro.wav')} is not audio`);
    expect(stderr).not.toContain('outro.flac');
    expect(stderr).not.toMatch(/ffmpeg failed|Invalid data|@ 0x/);
    expect(stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(3);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 120_000);

  test('a bed clip that is an empty file is named the same way', async () => {
    const folder = template('empty-bed', { bed: { clip: 'bed.mp3', level: -8, duck: 18 } }, { 'bed.mp3': '' });
    const out = join(dir, 'out-empty-bed');
    const { code, stderr } = await generateWith(folder, out);
    expect(code).toBe(3);
    expect(stderr).toContain(`The template's bed clip ${join(folder, 'bed.mp3')} is not audio`);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 120_000);

  test('a clip that goes bad after a good run is caught on the next run, before anything is written', async () => {
    const folder = template('changing', {});
    const out = join(dir, 'out-changing');
    expect((await generateWith(folder, out)).code).toBe(0);
    writeFileSync(join(folder, 'outro.flac'), 'no longer audio');
    const { code, stderr } = await generateWith(folder, out);
    expect(code).toBe(3);
    expect(stderr).toContain(`The template's outro clip ${join(folder, 'outro.flac')} is not audio`);
  }, 180_000);
});

describe('template cover font', () => {
  test('a cover.font that is not a font: exit 3 naming the file, instead of a cover drawn in another font', async () => {
    const folder = template('bad-font', { cover: { background: '#1b2a41', accent: '#e4572e', text: '#ffffff', font: 'Headline.ttf' } }, { 'Headline.ttf': '<html>404 Not Found</html>\n' });
    const out = join(dir, 'out-bad-font');
    const { code, stderr } = await generateWith(folder, out);
    expect(code).toBe(3);
    expect(stderr).toContain(`cover.font names ${join(folder, 'Headline.ttf')}, which is not a TrueType or OpenType font`);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 120_000);
});
