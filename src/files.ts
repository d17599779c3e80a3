// Outputs are written to a temporary name in the same folder and renamed into place, so a failed
// or interrupted run never leaves a half-written file or replaces a good one. Every temporary is
// named after the process that made it (".NAME.PID.RANDOM.tmp", "newscast-PREFIX-PID-XXXXXX"), so
// a later run can tell a dead run's leftovers from a live run's work (stale-temporaries.ts), and
// is tracked while it exists, so a SIGINT or SIGTERM can remove it before the process exits.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** What a temporary beside its destination is: a file being written, a folder being filled, a folder moved aside. */
export type TemporaryKind = 'tmp' | 'staging' | 'old';

const liveTemporaries = new Set<string>();

/** A hidden name beside `path`: same folder, so the final rename is atomic. */
export function temporaryPathFor(path: string, kind: TemporaryKind = 'tmp'): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${kind}`);
}

/** Marks a temporary file or folder as this process's work in progress (removed on SIGINT/SIGTERM). */
export function trackTemporary(path: string): void {
  liveTemporaries.add(path);
}

/** It is gone, or has become a real output. */
export function untrackTemporary(path: string): void {
  liveTemporaries.delete(path);
}

/**
 * Removes every temporary this thread still tracks, synchronously: for a signal handler, which must
 * finish before the process exits. (Worker threads track their own: see stale-temporaries.ts.)
 */
export function removeLiveTemporariesSync(): void {
  for (const path of liveTemporaries) rmSync(path, { recursive: true, force: true });
  liveTemporaries.clear();
}

/** Calls `write` with a temporary path, then renames it to `path`; removes it on failure. */
export async function writeAtomically<T>(path: string, write: (temporaryPath: string) => Promise<T>): Promise<T> {
  const temporaryPath = temporaryPathFor(path);
  trackTemporary(temporaryPath);
  try {
    const result = await write(temporaryPath);
    await rename(temporaryPath, path);
    return result;
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  } finally {
    untrackTemporary(temporaryPath);
  }
}

export function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  return writeAtomically(path, (temporaryPath) => writeFile(temporaryPath, contents));
}

/** The prefix of this process's temporary folders, "newscast-PREFIX-PID-". */
export function temporaryFolderPrefix(prefix: string, pid = process.pid): string {
  return `newscast-${prefix}-${pid}-`;
}

/** Runs `work` in a fresh private folder (scratch files, intermediate audio) and always removes it afterwards. */
export async function withTempFolder<T>(prefix: string, work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), temporaryFolderPrefix(prefix)));
  trackTemporary(folder);
  try {
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
    untrackTemporary(folder);
  }
}
