// What a failing disk or folder means to the user. A write can fail for reasons that are nobody's
// bug: the disk is full, the folder is read-only or not ours. Each gets its own message and exit 2,
// wherever it happens: in the check before the work, or late, when the disk fills during assembly.
// Only an error about a path in the output folder or the temporary folder is the destination's:
// a voice or template that cannot be read is reported as what it is.
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, relative } from 'node:path';
import { NewscastError } from './errors.js';

/** Error codes that describe the destination, not newscast. */
const destinationCodes = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR']);

/** System calls that write; an error from another (open, stat, scandir) may be about a read. */
const writeCalls = new Set(['mkdir', 'mkdtemp', 'write', 'writev', 'rename', 'unlink', 'rmdir', 'rm', 'copyfile', 'fsync', 'ftruncate', 'truncate', 'link', 'symlink', 'utime', 'chmod', 'close']);

function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isInside(path: string, folder: string): boolean {
  const inside = relative(folder, path);
  return !inside.startsWith('..') && !isAbsolute(inside);
}

/** Where the failing path is: the output folder (-o) or newscast's scratch space (TMPDIR). */
export type Place = 'output' | 'temporary';

/** Which destination folder holds `path`, the output folder first; undefined for neither. */
function placeOf(path: string, outputFolder?: string): Place | undefined {
  if (outputFolder && isInside(path, outputFolder)) return 'output';
  return isInside(path, tmpdir()) ? 'temporary' : undefined;
}

function whereElseFor(place: Place): string {
  return place === 'temporary' ? 'or point TMPDIR at a folder on another disk' : 'or choose another folder with -o';
}

/**
 * A NewscastError (exit 2) for a file-system error that is about the destination, naming `path`
 * (default: the path the error names); undefined for any other error. Without `place`, only a
 * path in the temporary folder is known to be a destination.
 */
export function fileSystemError(error: unknown, path?: string, place?: Place): NewscastError | undefined {
  if (error instanceof NewscastError) return undefined;
  const code = errorCode(error);
  if (!code || !destinationCodes.has(code)) return undefined;
  const syscall = (error as NodeJS.ErrnoException).syscall;
  // A program that cannot be started is the engine's business, not the destination's.
  if (syscall?.startsWith('spawn')) return undefined;
  const use = path !== undefined || syscall === undefined || writeCalls.has(syscall) ? 'write to' : 'open';
  const where = path ?? (error as NodeJS.ErrnoException).path;
  const at = place ?? (where === undefined ? undefined : placeOf(where));
  if (!at) return undefined;
  const whereElse = whereElseFor(at);
  const options = { cause: error };
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new NewscastError(
        'input',
        `No space left on the disk that holds ${where ?? 'the output folder'}${code === 'EDQUOT' ? ' (your disk quota is used up)' : ''}.`,
        `Free some space there, ${whereElse}, then run again.`,
        options,
      );
    case 'EACCES':
    case 'EPERM':
      return new NewscastError('input', `Cannot ${use} ${where ?? 'the output folder'}: permission denied.`, `Make it writable (chmod u+w), ${whereElse}.`, options);
    case 'EROFS':
      return new NewscastError('input', `Cannot ${use} ${where ?? 'the output folder'}: it is on a read-only file system.`, `Remount it read-write, ${whereElse}.`, options);
    case 'ENOTDIR':
      return new NewscastError('input', `Cannot ${use} ${where ?? 'the output folder'}: a file stands where a folder should be.`, `Move that file away, ${whereElse}.`, options);
    case 'EISDIR':
      return new NewscastError('input', `Cannot ${use} ${where ?? 'the output folder'}: it is a folder.`, `Move that folder away, ${whereElse}.`, options);
    default:
      return undefined;
  }
}

/**
 * Runs `work`, which writes into `outputFolder` and the temporary folder, turning a file-system
 * error about either into its NewscastError. A failed write() names no path: a full disk is then
 * found by asking both disks how much room they have left.
 */
export async function withFileSystemErrors<T>(outputFolder: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const path = (error as NodeJS.ErrnoException | undefined)?.path;
    if (path) {
      const place = placeOf(path, outputFolder);
      throw (place && fileSystemError(error, undefined, place)) || error;
    }
    const code = errorCode(error);
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      const temporary = tmpdir();
      const place = (await freeBytes(temporary)) < (await freeBytes(outputFolder)) ? 'temporary' : 'output';
      throw fileSystemError(error, place === 'temporary' ? temporary : outputFolder, place) ?? error;
    }
    throw fileSystemError(error, outputFolder, 'output') ?? error;
  }
}

/** Bytes an ordinary user may still write on the disk holding `path` (Infinity if unknown). */
async function freeBytes(path: string): Promise<number> {
  try {
    const disk = await statfs(path);
    return disk.bavail * disk.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** ffmpeg reports a full disk in its log, not with an error code. */
export function ffmpegFileSystemError(log: string, outputPath: string | undefined, cause: unknown): NewscastError | undefined {
  if (!/No space left on device/i.test(log)) return undefined;
  const error = Object.assign(new Error('No space left on device'), { code: 'ENOSPC', cause });
  const folder = outputPath && outputPath !== '-' ? dirname(outputPath) : undefined;
  // ffmpeg only writes where newscast told it to: its full disk is a destination's.
  return fileSystemError(error, folder, (folder && placeOf(folder)) || 'output');
}
