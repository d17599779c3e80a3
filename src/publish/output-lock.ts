// One run at a time chooses an episode's folder, swaps it in and rebuilds the feed: two runs
// publishing into one folder at once would otherwise both take a free slug, or each write a feed
// missing the other's episode. The lock is a file created exclusively, holding its owner's pid;
// a dead owner's lock (a SIGKILLed run) is taken over.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { NewscastError } from '../errors.js';
import { trackTemporary, untrackTemporary } from '../files.js';
import { processIsAlive } from '../stale-temporaries.js';

export const lockFileName = '.newscast.lock';
/** Publishing takes well under a second; a lock held this long belongs to a stuck run. */
const maxWaitMs = 120_000;

/** Runs `work` holding OUTDIR's publishing lock. */
export async function withOutputLock<T>(outDir: string, work: () => Promise<T>): Promise<T> {
  const path = join(outDir, lockFileName);
  await acquire(path);
  trackTemporary(path);
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
    untrackTemporary(path);
  }
}

async function acquire(path: string): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = ownerOf(path);
    if (owner !== undefined && !processIsAlive(owner)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() - started > maxWaitMs) {
      throw new NewscastError(
        'input',
        `${path} says another newscast (process ${owner ?? 'unknown'}) is publishing into this folder, and has for two minutes.`,
        'Wait for it to finish; if no newscast is running, remove the lock file.',
      );
    }
    await sleep(Math.min(20 * 2 ** attempt, 250));
  }
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
