// Outputs are written to a temporary name in the same folder and renamed into place, so a failed
// or interrupted run never leaves a half-written file or replaces a good one.
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export function temporaryPathFor(outputPath: string): string {
  return join(dirname(outputPath), `.${basename(outputPath)}.${process.pid}.tmp`);
}

/** Calls `write` with a temporary path, then renames it to `outputPath`; removes it on failure. */
export async function writeAtomically<T>(outputPath: string, write: (temporaryPath: string) => Promise<T>): Promise<T> {
  const temporaryPath = temporaryPathFor(outputPath);
  try {
    const result = await write(temporaryPath);
    await rename(temporaryPath, outputPath);
    return result;
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}
