// A run killed outright (SIGKILL, power loss) cannot clean up after itself: the next run does.
// Temporaries carry their maker's host and process id (files.ts), so only a dead process's are
// touched; a live run's, in the same folder, are its work in progress.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporaryFolderPattern, temporaryNamePattern, thisHost } from './files.js';

/** When this process started: a file naming our own pid but older than that is a former process's (pids recur, in a container always). */
const processStartedMs = Date.now() - process.uptime() * 1000;
/** Another host's run is not seen from here: its leftovers are removed only when this old. */
const otherHostMaxAgeMs = 24 * 60 * 60 * 1000;

/** Whether a process with this id runs (one of another user counts: it cannot be signalled, but it lives). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether what host `host`'s process `pid` left at `path` belongs to no running newscast: its
 * process has ended, or it is older than the process now bearing that id (ours included), or,
 * from another host, it is a day old.
 */
export function leftByEndedRun(path: string, pid: number, host: string = thisHost): boolean {
  const modifiedMs = modifiedAt(path);
  if (modifiedMs === undefined) return false; // gone already
  if (host !== thisHost) return Date.now() - modifiedMs > otherHostMaxAgeMs;
  if (pid === process.pid) return modifiedMs < processStartedMs;
  return !processIsAlive(pid);
}

function modifiedAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Removes what dead runs left in the output folder (and one level down, in episode folders), in
 * the temporary folder and in the cache. An episode a dead run had moved aside (".SLUG.newscast-HOST-PID-R.old")
 * and not yet replaced is put back: the swap in episode-folder.ts is two renames, and a run
 * killed between them leaves the old episode there, whole.
 */
export async function removeStaleTemporaries(outDir: string, cacheFolder?: string): Promise<void> {
  await removeStaleOutputTemporaries(outDir);
  await removeStaleScratch(cacheFolder);
}

/** The output folder's part: run it holding the output lock (publish/output-lock.ts does), so it cannot race another run's swap. */
export async function removeStaleOutputTemporaries(outDir: string): Promise<void> {
  await sweepOutputFolder(outDir, 1);
}

/** The temporary folder's and the cache's part. */
export async function removeStaleScratch(cacheFolder?: string): Promise<void> {
  await sweepFolder(tmpdir(), temporaryFolderPattern);
  if (cacheFolder) await sweepCache(cacheFolder);
}

async function sweepOutputFolder(folder: string, depth: number): Promise<void> {
  for (const entry of await entriesOf(folder)) {
    const match = temporaryNamePattern.exec(entry.name);
    const path = join(folder, entry.name);
    if (match && leftByEndedRun(path, Number(match[3]), match[2])) {
      const original = join(folder, match[1]!);
      // Best effort: a sweep that cannot remove something leaves it for the next one.
      if (match[4] === 'old' && !existsSync(original)) await rename(path, original).catch(() => undefined);
      else await rm(path, { recursive: true, force: true }).catch(() => undefined);
    } else if (depth > 0 && entry.isDirectory() && !entry.name.startsWith('.')) {
      await sweepOutputFolder(join(folder, entry.name), depth - 1);
    }
  }
}

async function sweepFolder(folder: string, pattern: RegExp): Promise<void> {
  for (const entry of await entriesOf(folder)) {
    const match = pattern.exec(entry.name);
    const path = join(folder, entry.name);
    if (match && leftByEndedRun(path, Number(match[1]))) await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The cache's entries sit in KIND/XX/ (cache-store.ts); a killed write leaves a .tmp there. */
async function sweepCache(cacheFolder: string): Promise<void> {
  for (const kind of await entriesOf(cacheFolder)) {
    if (!kind.isDirectory()) continue;
    for (const fanOut of await entriesOf(join(cacheFolder, kind.name))) {
      if (fanOut.isDirectory()) await sweepOutputFolder(join(cacheFolder, kind.name, fanOut.name), 0);
    }
  }
}

async function entriesOf(folder: string) {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** This process's own temporary folders, from any thread: for a signal handler, just before exit. */
export function removeOwnTemporaryFoldersSync(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    if (temporaryFolderPattern.exec(name)?.[1] === String(process.pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}
