// The output folder is made and proven writable before any work starts: a folder that is a file,
// read-only, not ours or on a full disk is reported in a second, not after the whole render.
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { NewscastError } from './errors.js';
import { fileSystemError } from './file-system-errors.js';
import { temporaryPathFor } from './files.js';

/** Bytes of the test write: enough that a disk with no room left refuses it. */
const testWriteBytes = 64 * 1024;

/** Creates `outDir` if needed and test-writes a file there; returns its absolute path. */
export async function prepareOutputFolder(outDir: string): Promise<string> {
  const folder = resolve(outDir);
  await makeFolder(folder);
  await testWrite(folder);
  return folder;
}

async function kindOf(path: string): Promise<'folder' | 'file' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a file further up; the walk up the path finds and names it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw fileSystemError(error, path, 'output') ?? error;
  }
}

/**
 * Makes the folder one level at a time, from the nearest one that exists. Node's own recursive
 * mkdir loops for ever where a parent exists but refuses new folders with ENOENT (/proc).
 */
async function makeFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  let path = folder;
  for (;;) {
    const kind = await kindOf(path);
    if (kind === 'folder') break;
    if (kind === 'file') {
      if (path === folder) {
        throw new NewscastError('input', `The output folder ${folder} is a file, not a folder.`, 'Give -o a folder (it is made if missing), or move the file away.');
      }
      throw new NewscastError('input', `Cannot make the output folder ${folder}: ${path} is a file, not a folder.`, 'Give -o a path under a folder, or move the file away.');
    }
    missing.unshift(path);
    const parent = dirname(path);
    if (parent === path) break; // the root is missing: mkdir below reports it
    path = parent;
  }
  for (const level of missing) {
    try {
      await mkdir(level);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await kindOf(level)) === 'folder') continue; // made meanwhile by another run
      if (code === 'ENOENT') {
        // The parent exists (it was just found or made), yet says there is no such entry: a
        // virtual file system such as /proc or /sys.
        throw new NewscastError('input', `Cannot make the output folder ${folder}: ${dirname(level)} does not accept new folders.`, 'Give -o a folder on an ordinary disk (not /proc or /sys).', { cause: error });
      }
      throw fileSystemError(error, dirname(level), 'output') ?? error;
    }
  }
}

/** Writes and removes a small hidden file: the only sure test that the folder takes files. */
async function testWrite(folder: string): Promise<void> {
  const path = temporaryPathFor(join(folder, 'newscast-write-test'));
  try {
    const file = await open(path, 'wx');
    try {
      await file.write(Buffer.alloc(testWriteBytes));
      await file.sync();
    } finally {
      await file.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NewscastError('input', `Cannot write to ${folder}: it does not accept new files.`, 'Give -o a folder on an ordinary disk (not /proc or /sys).', { cause: error });
    }
    throw fileSystemError(error, folder, 'output') ?? error;
  } finally {
    await rm(path, { force: true });
  }
}
