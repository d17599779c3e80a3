import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { temporaryName } from '../src/files.js';
import { removeStaleTemporaries } from '../src/stale-temporaries.js';

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

/** Dates `path` back by `hours`. */
function age(path: string, hours: number): void {
  const then = new Date(Date.now() - hours * 3_600_000);
  utimesSync(path, then, then);
}

describe('removeStaleTemporaries', () => {
  test("removes a dead run's temporary files, staging folders and scratch folders, and keeps a live run's", async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-stale-'));
    const dead = deadPid();
    mkdirSync(join(out, 'story'));
    writeFileSync(join(out, 'story', 'episode.json'), '{}');
    writeFileSync(join(out, 'story', temporaryName('episode.mp3', 'tmp', dead)), 'half');
    writeFileSync(join(out, temporaryName('feed.xml', 'tmp', dead)), 'half');
    mkdirSync(join(out, temporaryName('story', 'staging', dead)));
    const live = temporaryName('feed.xml', 'tmp', process.pid);
    writeFileSync(join(out, live), 'being written');
    const scratch = join(tmpdir(), `newscast-episode-${dead}-Ab12Cd`);
    const liveScratch = join(tmpdir(), `newscast-episode-${process.pid}-Ab12Cd`);
    mkdirSync(scratch);
    mkdirSync(liveScratch);
    await removeStaleTemporaries(out);
    expect(readdirSync(out).sort()).toEqual([live, 'story']);
    expect(readdirSync(join(out, 'story'))).toEqual(['episode.json']);
    expect(existsSync(scratch)).toBe(false);
    expect(existsSync(liveScratch)).toBe(true);
  });

  test('puts back an episode a killed run had moved aside, and drops it when the new one is in place', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-stale-'));
    const dead = deadPid();
    const aside = temporaryName('story', 'old', dead);
    mkdirSync(join(out, aside));
    writeFileSync(join(out, aside, 'episode.json'), '"old"');
    mkdirSync(join(out, temporaryName('story', 'staging', dead)));
    mkdirSync(join(out, 'other'));
    writeFileSync(join(out, 'other', 'episode.json'), '"new"');
    mkdirSync(join(out, temporaryName('other', 'old', dead)));
    await removeStaleTemporaries(out);
    expect(readdirSync(out).sort()).toEqual(['other', 'story']);
    expect(readFileSync(join(out, 'story', 'episode.json'), 'utf8')).toBe('"old"');
    expect(readFileSync(join(out, 'other', 'episode.json'), 'utf8')).toBe('"new"');
  });

  test('a folder a dead run was removing (half deleted) is removed, never put back as an episode', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-stale-'));
    const removing = temporaryName('story', 'removed', deadPid());
    mkdirSync(join(out, removing));
    writeFileSync(join(out, removing, 'transcript.vtt'), 'WEBVTT\n');
    await removeStaleTemporaries(out);
    expect(readdirSync(out)).toEqual([]);
  });

  test("never touches a user's own hidden files that merely look like temporaries", async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-stale-'));
    const dead = deadPid();
    mkdirSync(join(out, `.photos.${dead}.cafebabe.old`));
    writeFileSync(join(out, `.notes.${dead}.0badcafe.tmp`), 'mine');
    mkdirSync(join(out, 'album'));
    mkdirSync(join(out, 'album', `.2019.${dead}.12345678.staging`));
    await removeStaleTemporaries(out);
    expect(readdirSync(out).sort()).toEqual([`.notes.${dead}.0badcafe.tmp`, `.photos.${dead}.cafebabe.old`, 'album']);
    expect(readdirSync(join(out, 'album'))).toEqual([`.2019.${dead}.12345678.staging`]);
  });

  test('what a former process with our own id left (pids recur in a container) is stale: an episode moved aside is put back', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-stale-'));
    const aside = temporaryName('story', 'old', process.pid);
    mkdirSync(join(out, aside));
    writeFileSync(join(out, aside, 'episode.json'), '"old"');
    age(join(out, aside), 1);
    const half = temporaryName('feed.xml', 'tmp', process.pid);
    writeFileSync(join(out, half), 'half');
    age(join(out, half), 1);
    await removeStaleTemporaries(out);
    expect(readdirSync(out)).toEqual(['story']);
    expect(readFileSync(join(out, 'story', 'episode.json'), 'utf8')).toBe('"old"');
  });

  test("another host's temporaries in a shared folder are left alone unless a day old", async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-stale-'));
    const dead = deadPid();
    const recent = temporaryName('feed.xml', 'tmp', dead, 'abcdef01');
    const old = temporaryName('story', 'staging', dead, 'abcdef01');
    writeFileSync(join(out, recent), 'being written over there');
    mkdirSync(join(out, old));
    age(join(out, old), 25);
    await removeStaleTemporaries(out);
    expect(readdirSync(out)).toEqual([recent]);
  });

  test("removes a killed write's .tmp from the cache", async () => {
    const cache = mkdtempSync(join(tmpdir(), 'newscast-stale-cache-'));
    const dead = deadPid();
    mkdirSync(join(cache, 'speech-v2', 'ab'), { recursive: true });
    writeFileSync(join(cache, 'speech-v2', 'ab', 'abcd.pcm'), 'entry');
    writeFileSync(join(cache, 'speech-v2', 'ab', temporaryName('abcd.pcm', 'tmp', dead)), 'half');
    await removeStaleTemporaries(mkdtempSync(join(tmpdir(), 'newscast-stale-')), cache);
    expect(readdirSync(join(cache, 'speech-v2', 'ab'))).toEqual(['abcd.pcm']);
  });
});
