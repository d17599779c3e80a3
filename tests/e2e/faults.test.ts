// Issue 11, case 4 and its fault suite: `generate` (the built CLI) is killed with SIGKILL and
// with SIGINT at each point of its pipeline, over an existing episode. After each, the episode's
// folder holds the complete old episode or the complete new one, every file matching its
// manifest; a SIGINT exits 130 with one line saying what was not written and leaves nothing
// behind; and the next run succeeds and leaves no temporaries, whatever the killed run left.
//
// The kill points come from NEWSCAST_PAUSE_AT (src/checkpoint.ts), which stops the run at a named
// point until it is killed: the stages before rendering last milliseconds, so waiting for their
// progress line would race them. Two more kills land wherever the first "assemble" progress line
// finds the run, with no hook at all.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EpisodeManifest } from '../../src/publish/manifest.js';
import { decode } from './audio-reader.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const story = `Harbour reopens after the storm

PORTSMOUTH. The harbour reopened on Monday, three days after the storm closed it. Ferries ran again by noon, and the fish market opened an hour later than usual.

Engineers spent the weekend checking the sea wall. They found two cracks, which were filled on Sunday night, and the harbour master said the wall was safe for now.

The council will decide next month whether to pay for a new wall. A report puts the cost at twelve million pounds, and the work would take two years.
`;
const slug = 'harbour-reopens-after-the-storm';
/** The old episode at the normal rate, the new one faster: the same article, so the new one replaces it. */
const oldFlags = ['--engine', 'flite-wasm', '--template', 'minimal'];
const newFlags = [...oldFlags, '--rate', '1.25'];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

interface Sandbox {
  work: string;
  out: string;
  tmp: string;
  cache: string;
}

let base: string;
let cache: string;
let oldFiles: Record<string, string>;

/** Starts `generate`; `killWhen` decides from stderr so far when to send `signal`. */
function generate(sandbox: Sandbox, flags: string[], options: { pauseAt?: string; signal?: NodeJS.Signals; killWhen?: (stderr: string) => boolean } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, TMPDIR: sandbox.tmp, NEWSCAST_CACHE_DIR: sandbox.cache, NEWSCAST_PAUSE_AT: options.pauseAt ?? '' };
    const child = spawn(process.execPath, [cli, 'generate', join(sandbox.work, 'story.txt'), '-o', sandbox.out, ...flags], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (!killed && options.signal && options.killWhen?.(stderr)) {
        killed = true;
        child.kill(options.signal);
      }
    });
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Every file of a folder and its hash. */
function filesOf(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).sort().map((name) => [name, sha256(join(folder, name))]));
}

/** The folder is one whole episode: exactly the manifest's files, each as the manifest describes it. */
async function expectWholeEpisode(folder: string): Promise<EpisodeManifest> {
  const manifest = JSON.parse(readFileSync(join(folder, 'episode.json'), 'utf8')) as EpisodeManifest;
  const names = Object.values(manifest.files);
  // Beside them the episode's page (not the manifest's: the site's), swapped in with the episode.
  expect(readdirSync(folder).sort()).toEqual([...names, 'episode.json', 'index.html'].sort());
  const page = readFileSync(join(folder, 'index.html'), 'utf8');
  expect(page).toContain(`<h1>${manifest.title}</h1>`);
  expect(page).toContain(`src="./${manifest.files.audio}"`);
  for (const name of names) expect(sha256(join(folder, name)), name).toBe(manifest.checksums![name]);
  expect(statSync(join(folder, manifest.files.audio)).size).toBe(manifest.audioBytes);
  const decodedSeconds = (await decode(join(folder, manifest.files.audio))).length / 16000;
  expect(Math.abs(decodedSeconds - manifest.durationSeconds)).toBeLessThan(0.1);
  expect(readFileSync(join(folder, manifest.files.script), 'utf8')).toContain(`content="${manifest.articleHash}"`);
  expect(JSON.parse(readFileSync(join(folder, manifest.files.chapters), 'utf8')).chapters).toHaveLength(manifest.chapters.length);
  return manifest;
}

/** Names a run may leave behind: hidden entries beside the episodes or inside one, and anything in its TMPDIR. */
function leftovers(sandbox: Sandbox): string[] {
  const hidden = (folder: string) => readdirSync(folder).filter((name) => name.startsWith('.')).map((name) => join(folder, name));
  const episodes = readdirSync(sandbox.out, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
  const inCache = (readdirSync(sandbox.cache, { recursive: true }) as string[]).filter((name) => name.endsWith('.tmp'));
  return [...hidden(sandbox.out), ...episodes.flatMap((entry) => hidden(join(sandbox.out, entry.name))), ...readdirSync(sandbox.tmp), ...inCache];
}

/** A copy of the output folder holding the old episode, with its own TMPDIR; the speech cache is shared. */
function sandbox(): Sandbox {
  const work = mkdtempSync(join(tmpdir(), 'newscast-faults-'));
  writeFileSync(join(work, 'story.txt'), story);
  cpSync(join(base, 'out'), join(work, 'out'), { recursive: true });
  mkdirSync(join(work, 'tmp'));
  return { work, out: join(work, 'out'), tmp: join(work, 'tmp'), cache };
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'newscast-faults-base-'));
  cache = join(base, 'cache');
  mkdirSync(join(base, 'out'), { recursive: true });
  mkdirSync(join(base, 'tmp'));
  writeFileSync(join(base, 'story.txt'), story);
  // A show.json makes every run keep OUTDIR/feed.xml up to date: the feed is an output too.
  writeFileSync(join(base, 'out', 'show.json'), JSON.stringify({ title: 'Harbour Radio' }));
  const first = await generate({ work: base, out: join(base, 'out'), tmp: join(base, 'tmp'), cache }, oldFlags);
  expect(first.code, first.stderr).toBe(0);
  await expectWholeEpisode(join(base, 'out', slug));
  oldFiles = filesOf(join(base, 'out', slug));
}, 120_000);

/** After the kill: the old episode, byte for byte, or a whole new one (only once it was swapped in). */
async function expectOldOrWholeNew(sandbox: Sandbox, newAllowed: boolean): Promise<'old' | 'new'> {
  const visible = readdirSync(sandbox.out).filter((name) => !name.startsWith('.')).sort();
  expect(visible).toEqual(['feed.xml', 'index.html', 'newscast-player.js', slug, 'show-cover.jpg', 'show.json'].sort());
  const folder = join(sandbox.out, slug);
  const files = filesOf(folder);
  if (JSON.stringify(files) === JSON.stringify(oldFiles)) return 'old';
  expect(newAllowed, 'the old episode was changed before the new one was swapped in').toBe(true);
  const manifest = await expectWholeEpisode(folder);
  expect(manifest.slug).toBe(slug);
  return 'new';
}

/** The next run, uninterrupted, succeeds, gives the whole new episode and a feed listing it, and leaves nothing behind. */
async function expectNextRunClean(sandbox: Sandbox): Promise<void> {
  const next = await generate(sandbox, newFlags);
  expect(next.code, next.stderr).toBe(0);
  expect(next.stderr).not.toContain('another article');
  const manifest = await expectWholeEpisode(join(sandbox.out, slug));
  expect(manifest.durationSeconds).toBeLessThan(JSON.parse(readFileSync(join(base, 'out', slug, 'episode.json'), 'utf8')).durationSeconds);
  const feed = readFileSync(join(sandbox.out, 'feed.xml'), 'utf8');
  expect(XMLValidator.validate(feed)).toBe(true);
  expect(feed).toContain(`length="${manifest.audioBytes}"`);
  expect(leftovers(sandbox)).toEqual([]);
}

const points = ['read', 'script', 'render', 'assemble', 'publish', 'swap', 'feed'] as const;
/** Only a kill after the swap may leave the new episode. */
const swappedAt = new Set<string>(['feed']);

describe.each(['SIGKILL', 'SIGINT'] as const)('generate killed with %s over an existing episode', (signal) => {
  test.each(points)(`at %s`, async (point) => {
    const box = sandbox();
    const killed = await generate(box, newFlags, { pauseAt: point, signal, killWhen: (stderr) => stderr.includes(`paused at ${point}`) });
    expect(killed.stderr, 'the run never reached that point').toContain(`paused at ${point}`);
    const found = await expectOldOrWholeNew(box, swappedAt.has(point));
    expect(found).toBe(swappedAt.has(point) ? 'new' : 'old');
    if (signal === 'SIGINT') {
      expect(killed.code).toBe(130);
      const lines = killed.stderr.trim().split('\n');
      expect(lines.filter((line) => line.startsWith('newscast: stopped by SIGINT'))).toHaveLength(1);
      expect(lines.at(-1)).toMatch(
        swappedAt.has(point)
          ? new RegExp(`^newscast: stopped by SIGINT after writing .*${slug}, but .*feed\\.xml was not updated \\(run \`newscast feed .*\`\\)\\.$`)
          : new RegExp(`^newscast: stopped by SIGINT during ${point === 'swap' ? 'publish' : point} of .*story\\.txt: its episode was not written; .*out is as it was\\.$`),
      );
      // Cleaned up on the way out: nothing for the next run to sweep.
      expect(leftovers(box)).toEqual([]);
    } else {
      expect(killed.signal).toBe('SIGKILL');
    }
    await expectNextRunClean(box);
  }, 120_000);
});

describe('generate killed where its progress finds it, with no hook', () => {
  test.each(['SIGKILL', 'SIGINT', 'SIGTERM'] as const)('%s at the first assemble progress line', async (signal) => {
    const box = sandbox();
    const killed = await generate(box, newFlags, { signal, killWhen: (stderr) => /: assemble\b/.test(stderr) });
    await expectOldOrWholeNew(box, true);
    if (signal === 'SIGKILL') expect(killed.signal).toBe('SIGKILL');
    else {
      expect(killed.code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(killed.stderr.trim().split('\n').at(-1)).toMatch(new RegExp(`^newscast: stopped by ${signal} `));
      expect(leftovers(box)).toEqual([]);
    }
    await expectNextRunClean(box);
  }, 120_000);
});
