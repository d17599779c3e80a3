// Input newscast used to misname or pass over in silence: each case now gets a message that says
// what the input is and what to do.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'newscast-input-messages-'));

const story =
  'Harbour town approves new ferry timetable\n\n' +
  'The Millbrook town council voted 7-2 on Monday to add two evening ferry crossings to the island of Skerrin.\n\n' +
  'Councillor Ana Reyes said the extra sailings would cost about $240,000 a year.\n';

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const little = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  return order === 'le' ? little : little.swap16();
}

describe('UTF-16 articles', () => {
  test.each([
    ['little-endian with a byte-order mark', utf16(story, 'le', true)],
    ['big-endian with a byte-order mark', utf16(story, 'be', true)],
    ['little-endian without a byte-order mark', utf16(story, 'le', false)],
    ['big-endian without a byte-order mark', utf16(story, 'be', false)],
  ])('%s is read as text', async (_name, bytes) => {
    const file = join(dir, `story-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(file, bytes);
    const { code, stdout, stderr } = await runCli(['script', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Harbour town approves new ferry timetable');
    expect(stdout).toContain('Councillor Ana Reyes said');
  }, 60_000);

  test('a file that really is binary is still called binary', async () => {
    const file = join(dir, 'picture.txt');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
    const { code, stderr } = await runCli(['script', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('picture.txt is a binary file, not text');
  }, 60_000);
});

describe('newscast feed', () => {
  test('a folder without episodes still gets a feed, with a warning that names it', async () => {
    const empty = join(dir, 'empty-show');
    mkdirSync(empty);
    const { code, stderr } = await runCli(['feed', empty]);
    expect(code).toBe(0);
    expect(stderr).toContain(`newscast: warning: no episodes found in ${empty}`);
    expect(stderr).toContain(`newscast: wrote ${join(empty, 'feed.xml')}`);
  }, 60_000);
});
