// Issue 11, case 2: control characters in a title, a show name or the article text must not reach
// episode.json, the ID3 tag or feed.xml (which would stop being XML), nor the user's terminal raw.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parseFile } from 'music-metadata';
import { describe, expect, test } from 'vitest';
import type { EpisodeManifest } from '../../src/publish/manifest.js';
import { runCli } from './cli.js';

/** `voices` lists Piper voices only where their runtime (an optional dependency) is installed. */
const piperRuntimeInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('onnxruntime-node');
    return true;
  } catch {
    return false;
  }
})();

const story = 'The harbour reopened on Monday after the storm. Ferries ran again by noon, and the fish market opened an hour later than usual.\n';
const flags = ['--engine', 'flite-wasm', '--template', 'minimal'];
/** What must never reach a terminal raw: C0 but newline, DEL, C1, bidi embeddings, overrides and isolates. */
const unsafeForTerminal = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const controls = /[\u0000-\u001F\u007F-\u009F]/;

function workFolder(): string {
  return mkdtempSync(join(tmpdir(), 'newscast-controls-'));
}

describe('control characters', () => {
  test('a --title holding an escape sequence is refused, and echoed escaped', async () => {
    const work = workFolder();
    writeFileSync(join(work, 'story.txt'), story);
    const result = await runCli(['generate', join(work, 'story.txt'), '-o', join(work, 'out'), '--title', 'Harbour \u001b[2J\u001b]0;owned\u0007news', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('newscast: error: --title holds a control character (U+001B)');
    expect(result.stderr).not.toMatch(unsafeForTerminal);
  }, 60_000);

  test("a template's show name holding control characters is refused by field", async () => {
    const work = workFolder();
    writeFileSync(join(work, 'story.txt'), story);
    const template = JSON.parse(readFileSync('audio-templates/minimal/template.json', 'utf8'));
    mkdirSync(join(work, 'show'));
    writeFileSync(join(work, 'show', 'template.json'), JSON.stringify({ ...template, show: 'Night\u009b31mShow' }));
    const result = await runCli(['generate', join(work, 'story.txt'), '-o', join(work, 'out'), '--engine', 'flite-wasm', '--template', join(work, 'show')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/show: must not hold control characters \(U\+009B\)/);
    expect(result.stderr).not.toMatch(unsafeForTerminal);
  }, 60_000);

  test("show.json's title holding control characters is refused by field", async () => {
    const work = workFolder();
    writeFileSync(join(work, 'story.txt'), story);
    mkdirSync(join(work, 'out'));
    writeFileSync(join(work, 'out', 'show.json'), JSON.stringify({ title: 'Harbour\u0007Radio', author: 'A\u202eB' }));
    const result = await runCli(['generate', join(work, 'story.txt'), '-o', join(work, 'out'), '--quiet', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/title: must not hold control characters \(U\+0007\)/);
    expect(result.stderr).not.toMatch(unsafeForTerminal);
  }, 60_000);

  test('control characters in the article never reach episode.json, the ID3 tag, feed.xml or the terminal', async () => {
    const work = workFolder();
    // A title with an escape sequence, C1 controls (NEL, CSI) and a right-to-left override.
    writeFileSync(join(work, 'story.txt'), `Harbour\u0085 \u009b31mreopens\u001b[0m \u202eafter storm\n\n${story}`);
    const out = join(work, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'show.json'), JSON.stringify({ title: 'Harbour Radio' }));
    const result = await runCli(['generate', join(work, 'story.txt'), '-o', out, '--json', ...flags]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(unsafeForTerminal);
    const manifest = JSON.parse(result.stdout) as EpisodeManifest;
    expect(manifest.title).not.toMatch(controls);
    expect(manifest.title).toContain('reopens');
    const onDisk = readFileSync(join(out, manifest.slug, 'episode.json'), 'utf8');
    expect(JSON.parse(onDisk).title).toBe(manifest.title);
    const tags = await parseFile(join(out, manifest.slug, 'episode.mp3'));
    expect(tags.common.title).toBe(manifest.title);
    const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
    expect(XMLValidator.validate(feed)).toBe(true);
    expect(feed).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
  }, 60_000);

  test('an article path holding an escape sequence is echoed escaped, in progress and in errors', async () => {
    const work = workFolder();
    const hostile = join(work, 'story\u001b]0;title\u0007\u001b[31m.txt');
    writeFileSync(hostile, story);
    const generated = await runCli(['generate', hostile, '-o', join(work, 'out'), ...flags]);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stderr).toContain('story\\x1B]0;title\\x07\\x1B[31m.txt');
    expect(generated.stderr).not.toMatch(unsafeForTerminal);
    const missing = await runCli(['generate', `${hostile}.missing`, '-o', join(work, 'out'), ...flags]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('\\x1B[31m.txt.missing does not exist');
    expect(missing.stderr).not.toMatch(unsafeForTerminal);
  }, 60_000);

  test('a rendered script whose metadata holds C1 controls gives a clean title', async () => {
    const work = workFolder();
    writeFileSync(join(work, 'story.txt'), story);
    const scripted = await runCli(['script', join(work, 'story.txt'), '--title', 'Harbour news']);
    expect(scripted.code, scripted.stderr).toBe(0);
    writeFileSync(join(work, 'story.ssml'), scripted.stdout.replace('content="Harbour news"', 'content="Harbour&#x9b;2J news"'));
    const result = await runCli(['render', join(work, 'story.ssml'), '-o', join(work, 'out'), '--json', '--quiet', ...flags]);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as EpisodeManifest).title).toBe('Harbour2J news');
  }, 60_000);

  test("the feed's warnings about episodes left out quote folder names escaped", async () => {
    const work = workFolder();
    const out = join(work, 'out');
    mkdirSync(join(out, 'story\u001b[2J\u202e'), { recursive: true });
    writeFileSync(join(out, 'story\u001b[2J\u202e', 'episode.json'), '{"title": "A\u001b[31m"');
    const result = await runCli(['feed', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('story\\x1B[2J\\u202E');
    expect(result.stderr).not.toMatch(unsafeForTerminal);
  }, 60_000);
});

test.skipIf(!piperRuntimeInstalled)('`newscast voices` shows a voice whose file name and .onnx.json hold escape sequences escaped', async () => {
  const folder = workFolder();
  const name = 'en_US-\u001b]0;owned\u0007-low';
  writeFileSync(join(folder, `${name}.onnx`), 'model');
  const config = { audio: { sample_rate: 16000, quality: 'low\u001b[2J' }, language: { code: 'en_US' }, phoneme_id_map: { _: [0] } };
  writeFileSync(join(folder, `${name}.onnx.json`), JSON.stringify(config));
  const result = await runCli(['voices'], { env: { ...process.env, NEWSCAST_VOICES_DIR: folder, PYTHONPATH: '' } });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('en_US-\\x1B]0;owned\\x07-low');
  expect(result.stdout).toContain('low\\x1B[2J');
  expect(result.stdout).not.toMatch(unsafeForTerminal);
}, 60_000);
