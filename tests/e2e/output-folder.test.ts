// An output folder newscast cannot write to is found before any work starts, and a disk that fills
// up later is named as such: each ends in its own message and exit 2, never "a bug" after the render.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, onTestFinished, test } from 'vitest';
import { runCli, type CliResult } from './cli.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const article = fileURLToPath(new URL('../fixtures/articles/short-council-vote.txt', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'newscast-output-folder-'));
const generate = (outDir: string, ...extra: string[]) => ['generate', article, '-o', outDir, '--engine', 'flite-wasm', '--no-cache', ...extra];

/** The check came before any work: no stage after reading was started. */
function expectNoWorkDone(result: CliResult): void {
  expect(result.stderr).not.toMatch(/: (render|assemble|publish)\b/);
}

function expectRefused(result: CliResult, message: RegExp): void {
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/bug/i);
  expect(result.code, result.stderr).toBe(2);
}

/** Runs a program with arguments (no shell), killed after `timeoutMs`. */
function run(command: string, args: string[], options: { uid?: number; gid?: number; input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { timeout: options.timeoutMs ?? 120_000, killSignal: 'SIGKILL', uid: options.uid, gid: options.gid, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

// A private mount namespace lets an ordinary test mount a tiny or read-only tmpfs (no root needed
// where user namespaces are enabled); elsewhere those cases are skipped, and say so.
const canMount = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=16k tmpfs "$1"', 'sh', mkdtempSync(join(work, 'probe-'))]).status === 0;

/**
 * Runs the CLI with a fresh tmpfs (mount options `options`) at `mountPoint`, seen by it alone;
 * `fillBytes` are written there first. What the tmpfs held afterwards is listed in `listing`.
 */
function runOnTmpfs(options: string, mountPoint: string, fillBytes: number, listing: string, args: string[]): Promise<CliResult> {
  const script = [
    'mount -t tmpfs -o "$1" tmpfs "$2" || exit 99',
    'if [ "$3" -gt 0 ]; then head -c "$3" /dev/zero > "$2/filler" 2>/dev/null; fi',
    'dir=$2; list=$4; shift 4',
    '"$@"; code=$?',
    'find "$dir" -mindepth 1 ! -name filler > "$list"',
    'exit $code',
  ].join('\n');
  return run('unshare', ['-rm', 'sh', '-c', script, 'sh', options, mountPoint, String(fillBytes), listing, process.execPath, cli, ...args]);
}

describe('the output folder is checked before any work starts', () => {
  test('-o naming a file', async () => {
    const file = join(work, 'not-a-folder.txt');
    writeFileSync(file, 'notes\n');
    const result = await runCli(generate(file));
    expectRefused(result, new RegExp(`The output folder ${file} is a file, not a folder\\.`));
    expectNoWorkDone(result);
    expect(readFileSync(file, 'utf8')).toBe('notes\n');
  }, 120_000);

  test('-o inside a file', async () => {
    const file = join(work, 'plain-file');
    writeFileSync(file, '');
    const result = await runCli(generate(join(file, 'episodes')));
    expectRefused(result, new RegExp(`Cannot make the output folder ${file}/episodes: ${file} is a file, not a folder\\.`));
    expectNoWorkDone(result);
  }, 120_000);

  test('-o under /proc ends at once instead of looping for ever', async () => {
    const result = await run(process.execPath, [cli, ...generate('/proc/newscast-episodes/today')], { timeoutMs: 60_000 });
    expectRefused(result, /Cannot make the output folder \/proc\/newscast-episodes\/today: \/proc does not accept new folders/);
    expectNoWorkDone(result);
  }, 120_000);

  test('-o a folder the user may not write to (chmod 0500)', async () => {
    // Root may write anywhere: as root the CLI runs as "nobody", over a folder nobody owns.
    const asRoot = process.getuid?.() === 0;
    // Outside the test run's own temporary folder, which only its owner may enter.
    const open = mkdtempSync('/tmp/newscast-locked-');
    chmodSync(open, 0o755);
    onTestFinished(() => rmSync(open, { recursive: true, force: true }));
    const locked = join(open, 'locked');
    mkdirSync(locked);
    if (asRoot) chownSync(locked, 65534, 65534);
    chmodSync(locked, 0o500);
    const user = asRoot ? { uid: 65534, gid: 65534 } : {};
    const args = ['generate', '-', '--engine', 'flite-wasm', '--no-cache'];
    const input = readFileSync(article, 'utf8');
    for (const outDir of [locked, join(locked, 'episodes')]) {
      const result = await run(process.execPath, [cli, ...args, '-o', outDir], { ...user, input });
      expectRefused(result, new RegExp(`Cannot write to ${locked}: permission denied\\.`));
      expectNoWorkDone(result);
    }
  }, 120_000);

  test.skipIf(!canMount)('-o on a read-only file system', async () => {
    const mountPoint = mkdtempSync(join(work, 'ro-'));
    const result = await runOnTmpfs('ro,size=1m', mountPoint, 0, join(work, 'ro-listing'), generate(join(mountPoint, 'out')));
    expectRefused(result, new RegExp(`Cannot write to ${mountPoint}: it is on a read-only file system\\.`));
    expectNoWorkDone(result);
  }, 120_000);

  test.skipIf(!canMount)('-o on a full disk', async () => {
    const mountPoint = mkdtempSync(join(work, 'full-'));
    const listing = join(work, 'full-listing');
    const result = await runOnTmpfs('size=64k', mountPoint, 1024 * 1024, listing, generate(join(mountPoint, 'out')));
    expectRefused(result, new RegExp(`No space left on the disk that holds ${mountPoint}/out\\.`));
    expectNoWorkDone(result);
    // The test file was removed again; only the (empty) folder it made is left.
    expect(readFileSync(listing, 'utf8').trim().split('\n')).toEqual([join(mountPoint, 'out')]);
  }, 120_000);
});

describe.skipIf(!canMount)('a disk that fills up during the run', () => {
  test('is named, with exit 2, and leaves no half-written file', async () => {
    // Room for the check (a small test file) but not for the episode's MP3.
    const mountPoint = mkdtempSync(join(work, 'small-'));
    const listing = join(work, 'small-listing');
    const result = await runOnTmpfs('size=192k', mountPoint, 0, listing, generate(join(mountPoint, 'out')));
    expect(result.stderr).toMatch(/: assemble/);
    expectRefused(result, new RegExp(`No space left on the disk that holds ${mountPoint}/out\\.`));
    const left = readFileSync(listing, 'utf8').trim().split('\n');
    expect(left.filter((path) => /\.tmp$|episode\.mp3$/.test(path))).toEqual([]);
  }, 180_000);
});
