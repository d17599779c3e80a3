// Outputs are written to a temporary name in the same folder and renamed into place, so a failed
// or interrupted run never leaves a half-written file or replaces a good one.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** A hidden name beside `path`: same folder, so the final rename is atomic. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Calls `write` with a temporary path, then renames it to `path`; removes it on failure. */
export async function writeAtomically<T>(path: string, write: (temporaryPath: string) => Promise<T>): Promise<T> {
  const temporaryPath = temporaryPathFor(path);
  try {
    const result = await write(temporaryPath);
    await rename(temporaryPath, path);
    return result;
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

export function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  return writeAtomically(path, (temporaryPath) => writeFile(temporaryPath, contents));
}

/** Runs `work` in a fresh private folder (scratch files, intermediate audio) and always removes it afterwards. */
export async function withTempFolder<T>(prefix: string, work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), `newscast-${prefix}-`));
  try {
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
