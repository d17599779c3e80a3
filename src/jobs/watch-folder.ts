// `newscast watch DIR`: files dropped into DIR become jobs once they have stopped changing (the
// same size and modification time over `stableMs`: a copy still being written is left alone);
// a done file moves to DIR/done/, a failed one to DIR/failed/ with NAME.error.txt beside it. The
// folder is polled rather than watched through inotify, which misses changes on network folders.
// A file is voiced once even across restarts: its job's id comes from its content, so a file
// taken again after a crash (before it was moved) finds its job, done or still to run.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { checkArticleSize, maxArticleBytes } from '../article/size-limit.js';
import { NewscastError } from '../errors.js';
import { writeFileAtomic } from '../files.js';
import type { InputFormat, Job, JobOptions } from './queue.js';
import type { Service } from './service.js';

export interface WatchFolderOptions {
  dir: string;
  service: Service;
  /** Options of every job. */
  jobOptions?: JobOptions;
  /** How often DIR is listed (default 1000 ms). */
  intervalMs?: number;
  /** How long a file must stay unchanged before it is taken (default 2000 ms). */
  stableMs?: number;
  /** Told of each file taken and settled, for the log. */
  onMessage?: (message: string) => void;
}

const doneFolderName = 'done';
/** Times a file that cannot be taken is tried before it goes to failed/. */
const maxTries = 3;
const failedFolderName = 'failed';

const formatsByExtension: Record<string, InputFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.ssml': 'ssml',
};

interface Seen {
  size: number;
  mtimeMs: number;
  /** When the file was first seen with this size and time. */
  since: number;
}

export interface FolderWatcher {
  /** Stops listing DIR: no file is taken after this resolves. */
  stop(): Promise<void>;
  /**
   * Stops listing DIR and waits for the files taken to be settled and moved. A file whose job the
   * service gave up on by closing first stays in DIR (its job waits in the store for the next start).
   */
  close(): Promise<void>;
}

export async function watchFolder(options: WatchFolderOptions): Promise<FolderWatcher> {
  const { dir, service } = options;
  const stableMs = options.stableMs ?? 2000;
  const say = options.onMessage ?? (() => undefined);
  const folder = await stat(dir).catch(() => undefined);
  if (!folder?.isDirectory()) throw new NewscastError('usage', `There is no folder ${dir} to watch.`, 'Create it first, or check the path.');
  await mkdir(join(dir, doneFolderName), { recursive: true });
  await mkdir(join(dir, failedFolderName), { recursive: true });
  const seen = new Map<string, Seen>();
  const taken = new Map<string, Promise<void>>();
  /** Files that could not be taken (unreadable, or not movable), and how many times. */
  const failures = new Map<string, number>();
  let scanning: Promise<void> | undefined;
  let closed = false;
  let left = 0;

  const take = async (name: string): Promise<void> => {
    const path = join(dir, name);
    const format = formatsByExtension[extname(name).toLowerCase()] ?? 'auto';
    const before = await stat(path);
    if (before.size > maxArticleBytes) {
      const error = errorOf(() => checkArticleSize(name, before.size));
      await moveToFailed(dir, name, `${error.message}\n${error.hint ?? ''}\n`);
      say(`${name}: failed: ${error.message}`);
      return;
    }
    const { job, created } = await service.submit(await readFile(path), { ...options.jobOptions, format, name });
    say(`${name}: ${created ? 'queued' : 'already known'} as job ${job.id}`);
    let settled: Job;
    try {
      settled = await service.settled(job.id);
    } catch (error) {
      if (!closed) throw error;
      left++; // the service closed first
      return;
    }
    // Saved again since it was read: the job voiced the old text, so the file stays to be taken again.
    const now = await stat(path).catch(() => undefined);
    if (now && (now.size !== before.size || now.mtimeMs !== before.mtimeMs)) {
      say(`${name}: changed since it was taken (job ${job.id} voiced the earlier text); it is taken again`);
      return;
    }
    await moveAway(dir, name, settled);
    say(`${name}: ${settled.state === 'done' ? `done, ${settled.result!.slug}` : `failed: ${settled.error?.message ?? ''}`}`);
  };

  /** A file that could not be taken is tried again, up to maxTries; then it goes to failed/ with the reason. */
  const giveUpOrRetry = async (name: string, error: Error): Promise<void> => {
    const tries = (failures.get(name) ?? 0) + 1;
    say(`${name}: ${error.message}${tries < maxTries ? ' (it is tried again)' : ''}`);
    if (tries < maxTries) return void failures.set(name, tries);
    failures.delete(name);
    await moveToFailed(dir, name, `The file could not be taken ${tries} times: ${error.message}\n`).catch((moveError: unknown) => say(`${name}: cannot move it to ${failedFolderName}/: ${(moveError as Error).message}`));
  };

  const scan = async (): Promise<void> => {
    const now = Date.now();
    const present = new Set<string>();
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      // Hidden files are editors' and copiers' temporaries.
      if (!entry.isFile() || entry.name.startsWith('.') || entry.name.endsWith('.error.txt')) continue;
      present.add(entry.name);
      if (taken.has(entry.name)) continue;
      const file = await stat(join(dir, entry.name)).catch(() => undefined);
      if (!file) continue;
      const before = seen.get(entry.name);
      if (!before || before.size !== file.size || before.mtimeMs !== file.mtimeMs) {
        seen.set(entry.name, { size: file.size, mtimeMs: file.mtimeMs, since: now });
        continue;
      }
      if (now - before.since < stableMs) continue;
      seen.delete(entry.name);
      const work = take(entry.name)
        .then(() => void failures.delete(entry.name))
        .catch((error: unknown) => giveUpOrRetry(entry.name, error as Error))
        .finally(() => taken.delete(entry.name));
      taken.set(entry.name, work);
    }
    for (const name of seen.keys()) if (!present.has(name)) seen.delete(name);
    for (const name of failures.keys()) if (!present.has(name)) failures.delete(name);
  };

  const tick = (): void => {
    if (closed || scanning) return;
    scanning = scan()
      .catch((error: unknown) => say(`cannot list ${dir}: ${(error as Error).message}`))
      .finally(() => (scanning = undefined));
  };
  const timer = setInterval(tick, options.intervalMs ?? 1000);
  tick();

  const stop = async (): Promise<void> => {
    closed = true;
    clearInterval(timer);
    await scanning;
  };
  return {
    stop,
    async close() {
      await stop();
      await Promise.all(taken.values());
      if (left > 0) say(`${left} file${left === 1 ? '' : 's'} left in ${dir}: ${left === 1 ? 'its job runs' : 'their jobs run'} at the next start.`);
    },
  };
}

/** DIR/NAME → DIR/done/NAME, or DIR/failed/NAME with NAME.error.txt; a name already there gets the job's id. */
async function moveAway(dir: string, name: string, job: Job): Promise<void> {
  const folder = join(dir, job.state === 'done' ? doneFolderName : failedFolderName);
  const target = existsSync(join(folder, name)) ? `${job.id.slice(0, 8)}-${name}` : name;
  if (job.state === 'failed') {
    const error = job.error;
    const text = `${error?.message ?? 'The job failed.'}\n${error?.hint ? `${error.hint}\n` : ''}(job ${job.id}, ${error?.kind ?? 'internal'} error, ${job.attempts} attempt${job.attempts === 1 ? '' : 's'})\n`;
    await writeFileAtomic(join(folder, `${target}.error.txt`), text);
  }
  await rename(join(dir, name), join(folder, target));
}

/** DIR/NAME → DIR/failed/NAME with the reason beside it, for a file that never became a job. */
async function moveToFailed(dir: string, name: string, reason: string): Promise<void> {
  const folder = join(dir, failedFolderName);
  const target = existsSync(join(folder, name)) ? `${Date.now()}-${name}` : name;
  await writeFileAtomic(join(folder, `${target}.error.txt`), reason);
  await rename(join(dir, name), join(folder, target));
}

/** The NewscastError `check` throws. */
function errorOf(check: () => void): NewscastError {
  try {
    check();
  } catch (error) {
    return error as NewscastError;
  }
  throw new Error('expected the check to fail');
}
