// Very large inputs get a clear limit, at once: a file or stream over 16 MB is not read whole, and
// an article longer than an episode can be (12 hours of speech) is refused before planning.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { CliResult } from './cli.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'newscast-article-size-'));
const story = readFileSync(fileURLToPath(new URL('../fixtures/articles/long-river-restoration.txt', import.meta.url)), 'utf8');

/** The fixture's story again and again, to about `bytes` bytes, under one title. */
function longArticle(bytes: number): string {
  const body = story.split(/\n\s*\n/).slice(1).join('\n\n');
  return `The river, told at length\n\n${Array.from({ length: Math.ceil(bytes / body.length) }, () => body).join('\n\n')}\n`;
}

/** The CLI, killed after a minute: the code before these limits took many minutes, or for ever. */
function run(args: string[], input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [cli, ...args], { timeout: 60_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
    child.stdin?.on('error', () => undefined).end(input ?? '');
  });
}

describe('input size', () => {
  const huge = longArticle(17 * 1024 * 1024);

  test('a file over 16 MB: exit 2, its size and what to do', async () => {
    const path = join(work, 'huge.txt');
    writeFileSync(path, huge);
    const result = await run(['script', path]);
    expect(result.stderr).toContain(`newscast: error: ${path} is 17.0 MB; newscast reads articles of at most 16.0 MB.`);
    expect(result.stderr).toMatch(/Split it into articles/);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  }, 90_000);

  test('standard input over 16 MB: the same, without reading it all', async () => {
    const result = await run(['script', '-'], huge);
    expect(result.stderr).toContain('newscast: error: Standard input is more than 16.0 MB; newscast reads articles of at most 16.0 MB.');
    expect(result.code).toBe(2);
  }, 90_000);

  test('an article longer than an episode can be (12 hours): exit 2 before planning, with the words to cut it to', async () => {
    const path = join(work, 'book.txt');
    writeFileSync(path, longArticle(1024 * 1024));
    for (const args of [['script', path], ['generate', path, '-o', join(work, 'out'), '--engine', 'flite-wasm']]) {
      const result = await run(args);
      expect(result.stderr).toMatch(/newscast: error: The article is about \d+\.\d hours of speech \([\d,]+ words\); an episode is at most 12 hours \(116,640 words\)\./);
      expect(result.stderr).toContain('Split it into parts of at most 116,640 words and generate an episode from each.');
      expect(result.stderr).not.toMatch(/: render/);
      expect(result.code).toBe(2);
    }
  }, 150_000);
});
