import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { removeStaleTemporaries } from '../src/stale-temporaries.js';

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('removeStaleTemporaries', () => {
  test("removes a dead run's temporary files, staging folders and scratch folders, and keeps a live run's", async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-stale-'));
    const dead = deadPid();
    mkdirSync(join(out, 'story'));
    writeFileSync(join(out, 'story', 'episode.json'), '{}');
    writeFileSync(join(out, 'story', `.episode.mp3.${dead}.0badcafe.tmp`), 'half');
    writeFileSync(join(out, `.feed.xml.${dead}.0badcafe.tmp`), 'half');
    mkdirSync(join(out, `.story.${dead}.12345678.staging`));
    writeFileSync(join(out, `.feed.xml.${process.pid}.0badcafe.tmp`), 'being written');
    const scratch = join(tmpdir(), `newscast-episode-${dead}-Ab12Cd`);
    const liveScratch = join(tmpdir(), `newscast-episode-${process.pid}-Ab12Cd`);
    mkdirSync(scratch);
    mkdirSync(liveScratch);
    await removeStaleTemporaries(out);
    expect(readdirSync(out).sort()).toEqual([`.feed.xml.${process.pid}.0badcafe.tmp`, 'story']);
    expect(readdirSync(join(out, 'story'))).toEqual(['episode.json']);
    expect(existsSync(scratch)).toBe(false);
    expect(existsSync(liveScratch)).toBe(true);
  });

  test('puts back an episode a killed run had moved aside, and drops it when the new one is in place', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-stale-'));
    const dead = deadPid();
    mkdirSync(join(out, `.story.${dead}.aaaaaaaa.old`));
    writeFileSync(join(out, `.story.${dead}.aaaaaaaa.old`, 'episode.json'), '"old"');
    mkdirSync(join(out, `.story.${dead}.bbbbbbbb.staging`));
    mkdirSync(join(out, 'other'));
    writeFileSync(join(out, 'other', 'episode.json'), '"new"');
    mkdirSync(join(out, `.other.${dead}.cccccccc.old`));
    await removeStaleTemporaries(out);
    expect(readdirSync(out).sort()).toEqual(['other', 'story']);
    expect(readFileSync(join(out, 'story', 'episode.json'), 'utf8')).toBe('"old"');
    expect(readFileSync(join(out, 'other', 'episode.json'), 'utf8')).toBe('"new"');
  });

  test("removes a killed write's .tmp from the cache", async () => {
    const cache = mkdtempSync(join(tmpdir(), 'newscast-stale-cache-'));
    const dead = deadPid();
    mkdirSync(join(cache, 'speech-v2', 'ab'), { recursive: true });
    writeFileSync(join(cache, 'speech-v2', 'ab', 'abcd.pcm'), 'entry');
    writeFileSync(join(cache, 'speech-v2', 'ab', `.abcd.pcm.${dead}.01234567.tmp`), 'half');
    await removeStaleTemporaries(mkdtempSync(join(tmpdir(), 'newscast-stale-')), cache);
    expect(readdirSync(join(cache, 'speech-v2', 'ab'))).toEqual(['abcd.pcm']);
  });
});
