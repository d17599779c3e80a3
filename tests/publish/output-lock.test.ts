import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { temporaryName, thisHost } from '../../src/files.js';
import { writeFeed } from '../../src/publish/feed.js';
import { classifyError } from '../../src/jobs/run-job.js';
import { lockFileName, takeOverStaleLock, withOutputLock } from '../../src/publish/output-lock.js';

describe('withOutputLock', () => {
  test('one holder at a time: the second waits for the first', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
    const order: string[] = [];
    let release!: () => void;
    const first = withOutputLock(out, async () => {
      order.push('first in');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first out');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = withOutputLock(out, async () => {
      order.push('second in');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(order).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
    expect(existsSync(join(out, lockFileName))).toBe(false);
  });

  test("a holder whose lock another host's run took over is told so by confirm(), which names the folder and is retried as a job", async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
    const error = await withOutputLock(out, async (lock) => {
      lock.confirm();
      // What a worker on another host does once this one's Redis key expired: it takes the file lock over.
      takeOverStaleLock(join(out, lockFileName), readFileSync(join(out, lockFileName), 'utf8'));
      writeFileSync(join(out, lockFileName), '4242 another-host 0123456789abcdef\n');
      lock.confirm();
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'dependency', message: expect.stringContaining(`publishing lock of ${out}`) });
    expect(classifyError(error).transient).toBe(true);
    // Not removed on the way out: it is the other run's.
    expect(readFileSync(join(out, lockFileName), 'utf8')).toBe('4242 another-host 0123456789abcdef\n');
  });

  test("a killed run's lock is taken over", async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
    writeFileSync(join(out, lockFileName), `${spawnSync(process.execPath, ['-e', '']).pid}\n`);
    await expect(withOutputLock(out, async () => 'published')).resolves.toBe('published');
  });
});

describe('taking over and releasing the lock', () => {
  test('a waiter that judged a lock stale does not remove the lock another waiter has taken over since', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
    const lock = join(out, lockFileName);
    const stale = `${spawnSync(process.execPath, ['-e', '']).pid}\n`;
    writeFileSync(lock, stale);
    // Waiter A takes the dead run's lock over and holds it; waiter B, which read the same dead
    // owner before A did, now acts on what it read.
    let release!: () => void;
    const a = withOutputLock(out, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const held = readFileSync(lock, 'utf8');
    takeOverStaleLock(lock, stale);
    expect(readFileSync(lock, 'utf8')).toBe(held);
    release();
    await a;
    expect(existsSync(lock)).toBe(false);
  });

  test("a run whose lock was taken from it does not remove the new owner's lock", async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
    const lock = join(out, lockFileName);
    const other = `${process.ppid} ${thisHost} 0123456789abcdef\n`;
    await withOutputLock(out, async () => {
      rmSync(lock);
      writeFileSync(lock, other);
    });
    expect(readFileSync(lock, 'utf8')).toBe(other);
  });

  test('a lock naming our own pid, left by a former process (pids recur in containers), is taken over at once', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
    const lock = join(out, lockFileName);
    writeFileSync(lock, `${process.pid}\n`);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lock, hourAgo, hourAgo);
    await expect(withOutputLock(out, async () => 'published')).resolves.toBe('published');
  }, 5_000);

  test("another host's day-old lock is taken over", async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
    const lock = join(out, lockFileName);
    writeFileSync(lock, `${process.pid} abcdef01 0123456789abcdef\n`);
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    utimesSync(lock, dayAgo, dayAgo);
    await expect(withOutputLock(out, async () => 'published')).resolves.toBe('published');
  }, 5_000);

  test("holding a shared lock (workers on Redis), another host's fresh lock is a dead run's: taken over at once; without one it is waited for", async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
    const lock = join(out, lockFileName);
    writeFileSync(lock, `${process.pid} abcdef01 0123456789abcdef\n`);
    let sharedHeld = false;
    const shared = async <T>(work: () => Promise<T>): Promise<T> => {
      sharedHeld = true;
      try {
        return await work();
      } finally {
        sharedHeld = false;
      }
    };
    const waiting = withOutputLock(out, async () => 'published without');
    const outcome = await Promise.race([waiting, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300))]);
    expect(outcome).toBe('still waiting');
    await expect(withOutputLock(out, async () => (sharedHeld ? 'published inside the shared lock' : 'outside'), shared)).resolves.toBe('published inside the shared lock');
    await expect(waiting).resolves.toBe('published without');
    expect(existsSync(lock)).toBe(false);
  }, 5_000);
});

test("holding the lock, an episode a killed run had moved aside is back in place before the work starts (the sweep cannot race another run's swap)", async () => {
  const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
  const aside = join(out, temporaryName('story', 'old', spawnSync(process.execPath, ['-e', '']).pid!));
  mkdirSync(aside);
  writeFileSync(join(aside, 'episode.json'), '"old"');
  await expect(withOutputLock(out, async () => readFileSync(join(out, 'story', 'episode.json'), 'utf8'))).resolves.toBe('"old"');
});

test('`newscast feed` (writeFeed) waits for a run holding the lock before rebuilding feed.xml', async () => {
  const out = mkdtempSync(join(tmpdir(), 'newscast-lock-'));
  let release!: () => void;
  const publishing = withOutputLock(out, () => new Promise<void>((resolve) => (release = resolve)));
  await new Promise((resolve) => setTimeout(resolve, 20));
  const feed = writeFeed(out, { onWarning: () => undefined });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(existsSync(join(out, 'feed.xml'))).toBe(false);
  release();
  await publishing;
  await expect(feed).resolves.toBe(join(out, 'feed.xml'));
  expect(existsSync(join(out, 'feed.xml'))).toBe(true);
});
