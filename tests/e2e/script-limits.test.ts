// Hostile or mistaken scripts given to `newscast render`, and option values out of range: each is
// refused (or bounded) with a message that says where and what to do.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'newscast-script-limits-'));

const script = (body: string): string =>
  `<?xml version="1.0"?>\n<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-US">\n` +
  `<meta name="newscast:title" content="Limits"/>\n${body}\n</speak>\n`;

function nestedProsody(levels: number, rate: string, word: string): string {
  return `${`<prosody rate="${rate}">`.repeat(levels)}${word}${'</prosody>'.repeat(levels)}`;
}

const renderArgs = (file: string, out: string): string[] => ['render', file, '-o', out, '--engine', 'flite-wasm', '--template', 'minimal', '--no-cache', '--json', '-q'];

describe('SSML limits', () => {
  test('nested <prosody> slows speech no further than 50%: twelve levels of 50% say one word in about a second, not 54 s', async () => {
    const file = join(dir, 'slow.ssml');
    writeFileSync(file, script(`<p><s>${nestedProsody(12, '50%', 'Hello')}</s></p>`));
    const { code, stdout, stderr } = await runCli(renderArgs(file, join(dir, 'out-slow')));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const manifest = JSON.parse(stdout) as { durationSeconds: number };
    // One word at half speed lasts about a second; at 0.5^12 it lasted 54 s.
    expect(manifest.durationSeconds).toBeLessThan(3);
  }, 120_000);

  test('nested <prosody> speeds speech no further than 200%: the word is still heard', async () => {
    const file = join(dir, 'fast.ssml');
    writeFileSync(file, script(`<p><s>${nestedProsody(12, '200%', 'Hello there, everybody')}</s></p>`));
    const { code, stdout } = await runCli(renderArgs(file, join(dir, 'out-fast')));
    expect(code).toBe(0);
    const manifest = JSON.parse(stdout) as { durationSeconds: number };
    expect(manifest.durationSeconds).toBeGreaterThan(0.5);
  }, 60_000);

  test('elements nested 40 deep are refused at their line and column, exit 2, before anything is spoken', async () => {
    const file = join(dir, 'deep.ssml');
    writeFileSync(file, script(`<p><s>\n${nestedProsody(40, '100%', 'Hello')}</s></p>`));
    const { code, stderr } = await runCli(renderArgs(file, join(dir, 'out-deep')));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^newscast: error: deep\.ssml:5:\d+: elements are nested more than \d+ deep/m);
    expect(stderr).not.toMatch(/unreachable|bug/i);
  }, 60_000);

  test('a file that is not SSML at all is named as such, with the command that makes one', async () => {
    const file = join(dir, 'story.txt');
    writeFileSync(file, 'A council voted on Tuesday.\n\nThe vote was close.\n');
    const { code, stderr } = await runCli(renderArgs(file, join(dir, 'out-text')));
    expect(code).toBe(2);
    expect(stderr).toContain('story.txt is not an SSML script');
    expect(stderr).toContain('newscast script story.txt > story.ssml');
    expect(stderr).not.toContain('text data outside of root node');
  }, 60_000);

  test('an HTML page given to render is also named as not a script', async () => {
    const file = join(dir, 'page.html');
    writeFileSync(file, '<!doctype html>\n<html><body><p>Hi</p></body></html>\n');
    const { code, stderr } = await runCli(renderArgs(file, join(dir, 'out-html')));
    expect(code).toBe(2);
    expect(stderr).toContain('page.html is not an SSML script');
  }, 60_000);
});

describe('option ranges', () => {
  test('--jobs out of range names the real range', async () => {
    const file = join(dir, 'jobs.ssml');
    writeFileSync(file, script('<p><s>Hello.</s></p>'));
    for (const jobs of ['100000', '0', '2.5']) {
      const { code, stderr } = await runCli(['render', file, '--jobs', jobs, '-o', join(dir, 'out-jobs')]);
      expect(code).toBe(2);
      expect(stderr).toContain('use a whole number of parallel jobs from 1 to 256');
    }
    expect(readFileSync(file, 'utf8')).toContain('Hello');
  }, 60_000);
});
