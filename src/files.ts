// Temporaries: a file written under a hidden name and renamed into place (the feed, the cache's
// entries, a downloaded voice), an episode's staging folder and the episode it replaces moved
// aside (publish/episode-folder.ts), and scratch folders in the system's temporary folder. Every
// one is named after the host and process that made it (".NAME.newscast-HOST-PID-RANDOM.KIND",
// "newscast-PREFIX-PID-XXXXXX"), so a later run can tell a dead run's leftovers from a live run's
// work (stale-temporaries.ts), and is tracked while it exists, so a SIGINT or SIGTERM can remove
// it before the process exits. The names are defined here only.
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * What a temporary beside its destination is: a file being written, a folder being filled, a folder
 * moved aside (put back by the next run if its original is gone), a folder being removed (never put back).
 */
export type TemporaryKind = 'tmp' | 'staging' | 'old' | 'removed';

const liveTemporaries = new Set<string>();

/** This machine, as 8 hex digits: an output folder may be shared (NFS) by runs on several hosts, whose process ids mean nothing here. */
export const thisHost = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/**
 * ".NAME.newscast-HOST-PID-RANDOM.KIND": the "newscast-" marker keeps a user's own hidden files
 * (".photos.2019.cafebabe.old") from ever being taken for a temporary.
 */
export function temporaryName(name: string, kind: TemporaryKind = 'tmp', pid = process.pid, host = thisHost): string {
  return `.${name}.newscast-${host}-${pid}-${randomBytes(4).toString('hex')}.${kind}`;
}

/** Matches temporaryName: [, NAME, HOST, PID, KIND]. */
export const temporaryNamePattern = /^\.(.+)\.newscast-([0-9a-f]{8})-(\d+)-[0-9a-f]{8}\.(tmp|staging|old|removed)$/;

/** A hidden name beside `path`: same folder, so the final rename is atomic. */
export function temporaryPathFor(path: string, kind: TemporaryKind = 'tmp'): string {
  return join(dirname(path), temporaryName(basename(path), kind));
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

/** The prefix of this process's temporary folders, "newscast-PREFIX-PID-" (mkdtemp adds 6 characters). */
export function temporaryFolderPrefix(prefix: string, pid = process.pid): string {
  return `newscast-${prefix}-${pid}-`;
}

/** Matches a temporary folder's name: [, PID]. */
export const temporaryFolderPattern = /^newscast-.+-(\d+)-[A-Za-z0-9]{6}$/;

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
