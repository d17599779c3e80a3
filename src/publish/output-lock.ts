// One run at a time chooses an episode's folder, swaps it in and rebuilds the feed: two runs
// publishing into one folder at once would otherwise both take a free slug, or each write a feed
// missing the other's episode. The lock is a file created exclusively, naming its owner (pid, host,
// a random token). An ended run's lock (a SIGKILLed run; see stale-temporaries.ts) is taken over,
// atomically: it is renamed aside first, and removed only if it is still the one judged stale, so
// two waiters cannot both take it. A run removes the lock only while it still names it.
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { NewscastError } from '../errors.js';
import { thisHost, trackTemporary, untrackTemporary } from '../files.js';
import { leftByEndedRun, removeStaleOutputTemporaries } from '../stale-temporaries.js';

export const lockFileName = '.newscast.lock';
/** Publishing takes well under a second; a lock held this long belongs to a stuck run. */
const maxWaitMs = 120_000;

/**
 * A lock the way in holds around the file lock, for processes that share OUTDIR but not a host
 * (workers on several machines take one in Redis: src/jobs/redis-lock.ts). This stage never knows
 * what it is, only what holding it means: every process publishing into OUTDIR holds it first, so
 * a file lock of another host found while holding it was left by a run that died there (whose
 * process this host cannot ask about), and is taken over at once instead of after a day.
 */
export type SharedLock = <T>(work: () => Promise<T>) => Promise<T>;

/** What `work` is given: a check that the lock is still its own, for just before a change others must not make at once. */
export interface HeldOutputLock {
  /**
   * Throws (a dependency error, retried as a job) if another process has taken the lock over. That
   * happens only when this one stopped for longer than a shared lock lives (a stalled VM, a long
   * GC pause): its Redis key expired and a worker on another host took over the file lock too.
   */
  confirm(): void;
}

/**
 * Runs `work` holding OUTDIR's publishing lock, once what ended runs left in OUTDIR is removed (an
 * episode they had moved aside put back): inside the lock, so no other run is mid-swap. With
 * `shared`, the file lock is taken inside that one.
 */
export async function withOutputLock<T>(outDir: string, work: (lock: HeldOutputLock) => Promise<T>, shared?: SharedLock): Promise<T> {
  if (shared) return shared(() => withFileLock(outDir, work, true));
  return withFileLock(outDir, work, false);
}

async function withFileLock<T>(outDir: string, work: (lock: HeldOutputLock) => Promise<T>, otherHostsEnded: boolean): Promise<T> {
  const path = join(outDir, lockFileName);
  const mine = `${process.pid} ${thisHost} ${randomBytes(8).toString('hex')}\n`;
  await acquire(path, mine, otherHostsEnded);
  trackTemporary(path);
  const held: HeldOutputLock = {
    confirm() {
      if (readLock(path) === mine) return;
      const takenOver = Object.assign(new Error(`${path} was taken over`), { code: 'EBUSY' });
      throw new NewscastError('dependency', `Another newscast took over the publishing lock of ${outDir} while this one was publishing, so this one stopped before changing anything.`, 'This process was paused for longer than the lock lives; the job is tried again.', { cause: takenOver });
    },
  };
  try {
    await removeStaleOutputTemporaries(outDir);
    return await work(held);
  } finally {
    if (readLock(path) === mine) rmSync(path, { force: true });
    untrackTemporary(path);
  }
}

async function acquire(path: string, mine: string, otherHostsEnded: boolean): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, mine, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = readLock(path);
    const owner = seen === undefined ? undefined : ownerOf(seen);
    if (owner && ((otherHostsEnded && owner.host !== thisHost) || leftByEndedRun(path, owner.pid, owner.host))) {
      takeOverStaleLock(path, seen!);
      continue;
    }
    if (Date.now() - started > maxWaitMs) {
      throw new NewscastError(
        'input',
        `${path} says another newscast (process ${owner?.pid ?? 'unknown'}) is publishing into this folder, and has for two minutes.`,
        'Wait for it to finish; if no newscast is running, remove the lock file.',
      );
    }
    await sleep(Math.min(20 * 2 ** attempt, 250));
  }
}

/**
 * Removes the lock at `path` if it still says `stale`. Between reading it and removing it another
 * waiter may have taken it over and made its own: renaming it aside is atomic, and a lock found to
 * be someone else's is linked back (never over one made meanwhile).
 */
export function takeOverStaleLock(path: string, stale: string): void {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // gone already: someone else took it over
  }
  if (readLock(aside) !== stale) {
    try {
      linkSync(aside, path);
    } catch {
      // A third run made a lock in the instant it was aside: it keeps it.
    }
  }
  rmSync(aside, { force: true });
}

function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** "PID HOST TOKEN" (a lock of an older newscast holds only "PID": this host's). */
function ownerOf(lock: string): { pid: number; host: string } | undefined {
  const [pidText, host = thisHost] = lock.trim().split(/\s+/);
  const pid = Number.parseInt(pidText ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? { pid, host } : undefined;
}
