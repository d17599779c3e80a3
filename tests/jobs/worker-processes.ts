// Test helpers for `newscast worker` as real processes (dist/cli.js, built by `npm test`), and
// checks of what they leave in OUT: whole episodes only, a well-formed feed.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { EpisodeManifest } from '../../src/publish/manifest.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** Its stderr so far. */
  log(): string;
  /** Resolves when its stderr has matched `pattern` (rejects if it exits first). */
  waitFor(pattern: RegExp): Promise<void>;
  /** Resolves with its exit code (or signal) once it has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ids (first 8 digits) of the jobs it logged as done. */
  doneJobs(): string[];
}

export function startWorker(args: string[], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const child = spawn(process.execPath, [cli, 'worker', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of waiters.filter((w) => w.pattern.test(stderr))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    child,
    log: () => stderr,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stderr)) return resolve();
        waiters.push({ pattern, resolve });
        void exited.then(({ code, signal }) => reject(new Error(`worker ended (${code ?? signal}) before ${pattern}:\n${stderr}`)));
      }),
    exited,
    doneJobs: () => [...stderr.matchAll(/newscast worker: ([0-9a-f]{8}) .*: done in /g)].map((match) => match[1]!),
  };
}

/** Ends a worker for good (SIGKILL), if it is still running. */
export async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
  await worker.exited;
}

/** Episode folders in OUT (not hidden). */
export function episodeFolders(outDir: string): string[] {
  return readdirSync(outDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

/**
 * OUT holds whole episodes and nothing half-done: no hidden entry (staging folders, episodes moved
 * aside, the lock) and no temporary file anywhere; each episode's files match its manifest's checksums.
 */
export function expectOnlyWholeEpisodes(outDir: string): void {
  expect(readdirSync(outDir).filter((name) => name.startsWith('.') || name.endsWith('.tmp'))).toEqual([]);
  for (const slug of episodeFolders(outDir)) {
    const folder = join(outDir, slug);
    expect(readdirSync(folder).filter((name) => name.startsWith('.') || name.endsWith('.tmp'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(folder, 'episode.json'), 'utf8')) as EpisodeManifest;
    expect(manifest.slug).toBe(slug);
    for (const [name, sum] of Object.entries(manifest.checksums)) {
      expect(createHash('sha256').update(readFileSync(join(folder, name))).digest('hex'), `${slug}/${name}`).toBe(sum);
    }
  }
}

/** The feed's items' enclosure URLs, once it is checked to be well-formed XML. */
export function feedEnclosures(outDir: string): string[] {
  const xml = readFileSync(join(outDir, 'feed.xml'), 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  return [...xml.matchAll(/<enclosure url="([^"]+)"/g)].map((match) => match[1]!);
}
