import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { readArticle } from '../../src/article/read.js';
import { NewscastError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'newscast-read-'));
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function inputError(promise: Promise<unknown>): Promise<NewscastError> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(NewscastError);
  const typed = error as NewscastError;
  expect(typed.kind).toBe('input');
  expect(typed.exitCode).toBe(2);
  expect(typed.message).not.toContain('\n');
  expect(typed.hint).toBeTruthy();
  return typed;
}

describe('readArticle', () => {
  test('reads the example', async () => {
    const article = await readArticle(new URL('../../examples/us-strikes-iraq.txt', import.meta.url).pathname, { title: 'Given' });
    expect(article.title).toBe('Given');
    expect(article.source).toBe('Rappler.com');
  });

  test('missing file', async () => {
    expect((await inputError(readArticle(join(dir, 'nope.txt')))).message).toMatch(/does not exist/);
  });

  test('a directory', async () => {
    expect((await inputError(readArticle(dir))).message).toMatch(/is a folder/);
  });

  test('empty and whitespace-only', async () => {
    expect((await inputError(readArticle(write('empty.txt', '')))).message).toMatch(/is empty/);
    expect((await inputError(readArticle(write('blank.txt', ' \n\n\t \r\n')))).message).toMatch(/is empty/);
  });

  test('binary: NUL bytes, and bytes that are not UTF-8', async () => {
    expect((await inputError(readArticle(write('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))))).message).toMatch(/binary/);
    expect((await inputError(readArticle(write('latin1.txt', Buffer.from('caf\xe9 au lait', 'latin1'))))).message).toMatch(/not UTF-8/);
  });

  test('unreadable file', async (context) => {
    if (process.getuid?.() === 0) context.skip(); // root reads anything
    const path = write('secret.txt', 'Some text.');
    chmodSync(path, 0o000);
    expect((await inputError(readArticle(path))).message).toMatch(/permission denied/);
  });

  test('Markdown and HTML are read by extension or by content, stdin too', async () => {
    expect((await readArticle(write('story.md', '# Title\n\nText of the story.'))).title).toBe('Title');
    const page = '<!DOCTYPE html><html><head><title>Page</title></head><body><article><h1>Headline here</h1><p>The story text, long enough to be an article paragraph for the reader to keep.</p></article></body></html>';
    expect((await readArticle(write('page', page))).title).toBe('Headline here');
    expect((await readArticle('-', { stdin: Readable.from([Buffer.from('---\ntitle: From stdin\n---\n\nText.')]) })).title).toBe('From stdin');
  });

  test("stdin via '-'", async () => {
    const stdin = Readable.from([Buffer.from('Piped headline\n\nThe story came '), Buffer.from('through a pipe.')]);
    const article = await readArticle('-', { stdin });
    expect(article.title).toBe('Piped headline');
    expect(article.sections[0]?.paragraphs).toEqual(['The story came through a pipe.']);
  });

  test('stdin that is a terminal', async () => {
    const stdin = Object.assign(Readable.from([]), { isTTY: true });
    expect((await inputError(readArticle('-', { stdin }))).message).toMatch(/Nothing was piped/);
  });
});
