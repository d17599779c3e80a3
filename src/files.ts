import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A hidden name beside `path`: same folder, so the final rename is atomic. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes to a temporary name, then renames: readers see the old file or the new one, never half. */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const temporary = temporaryPathFor(path);
  try {
    await writeFile(temporary, contents);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
