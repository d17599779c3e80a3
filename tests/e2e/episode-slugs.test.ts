// Issue 11, case 1: two articles with the same title must never overwrite each other's episode,
// in one batch or across runs; the same article run again still replaces its own.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { EpisodeManifest } from '../../src/publish/manifest.js';
import { runCli } from './cli.js';

const councilStory = `Daily Briefing

The city council voted on Tuesday to approve a new budget. The mayor said the money would go to schools and to the repair of roads.
`;
const stormStory = `Daily Briefing

A storm is expected to reach the coast on Friday. Residents were told to prepare for power cuts and for flooding in low streets.
`;
const flags = ['--engine', 'flite-wasm', '--template', 'minimal'];

function manifests(out: string): EpisodeManifest[] {
  return readdirSync(out, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => JSON.parse(readFileSync(join(out, entry.name, 'episode.json'), 'utf8')) as EpisodeManifest);
}

function scriptOf(out: string, slug: string): string {
  return readFileSync(join(out, slug, 'script.ssml'), 'utf8');
}

describe('episodes with the same title', () => {
  test('in one batch, each article keeps its own folder, and the second is announced', async () => {
    const work = mkdtempSync(join(tmpdir(), 'newscast-slugs-'));
    writeFileSync(join(work, 'council.txt'), councilStory);
    writeFileSync(join(work, 'storm.txt'), stormStory);
    const out = join(work, 'out');
    const result = await runCli(['generate', join(work, 'council.txt'), join(work, 'storm.txt'), '-o', out, '--quiet', ...flags]);
    expect(result.code, result.stderr).toBe(0);
    const slugs = manifests(out).map((manifest) => manifest.slug).sort();
    expect(slugs).toHaveLength(2);
    expect(slugs[0]).toBe('daily-briefing');
    expect(slugs[1]).toMatch(/^daily-briefing-[0-9a-f]{8}$/);
    expect(scriptOf(out, 'daily-briefing')).toContain('city council');
    expect(scriptOf(out, slugs[1]!)).toContain('storm');
    // Said even with --quiet: the episode is not where the title alone would put it.
    expect(result.stderr).toContain(`another article is already in ${join(out, 'daily-briefing')}; this one went to ${join(out, slugs[1]!)}`);
  }, 60_000);

  test('across runs, a later article with the same title (and its date) does not replace the earlier one', async () => {
    const work = mkdtempSync(join(tmpdir(), 'newscast-slugs-'));
    const out = join(work, 'out');
    const dated = (story: string, date: string) => story.replace('\n\n', `\n\n${date}\n\n`);
    writeFileSync(join(work, 'monday.txt'), dated(councilStory, 'December 1, 2025'));
    writeFileSync(join(work, 'tuesday.txt'), dated(stormStory, 'December 2, 2025'));
    expect((await runCli(['generate', join(work, 'monday.txt'), '-o', out, '--quiet', ...flags])).code).toBe(0);
    const second = await runCli(['generate', join(work, 'tuesday.txt'), '-o', out, '--quiet', ...flags]);
    expect(second.code, second.stderr).toBe(0);
    const byslug = Object.fromEntries(manifests(out).map((manifest) => [manifest.slug, manifest]));
    expect(Object.keys(byslug).sort()).toEqual(['daily-briefing', 'daily-briefing-2025-12-02']);
    expect(scriptOf(out, 'daily-briefing')).toContain('city council');
    expect(scriptOf(out, 'daily-briefing-2025-12-02')).toContain('storm');
    expect(second.stderr).toContain(`this one went to ${join(out, 'daily-briefing-2025-12-02')}`);
  }, 60_000);

  test('the same article generated again replaces its own episode, without a word about it', async () => {
    const work = mkdtempSync(join(tmpdir(), 'newscast-slugs-'));
    writeFileSync(join(work, 'council.txt'), councilStory);
    const out = join(work, 'out');
    expect((await runCli(['generate', join(work, 'council.txt'), '-o', out, '--quiet', ...flags])).code).toBe(0);
    const first = manifests(out)[0]!;
    const again = await runCli(['generate', join(work, 'council.txt'), '-o', out, '--quiet', '--rate', '1.2', ...flags]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    const [replaced, ...others] = manifests(out);
    expect(others).toHaveLength(0);
    expect(replaced!.slug).toBe('daily-briefing');
    expect(replaced!.durationSeconds).toBeLessThan(first.durationSeconds);
  }, 60_000);

  test('an edited script rendered again replaces the episode it came from', async () => {
    const work = mkdtempSync(join(tmpdir(), 'newscast-slugs-'));
    writeFileSync(join(work, 'council.txt'), councilStory);
    const out = join(work, 'out');
    expect((await runCli(['generate', join(work, 'council.txt'), '-o', out, '--quiet', ...flags])).code).toBe(0);
    const edited = join(work, 'edited.ssml');
    writeFileSync(edited, scriptOf(out, 'daily-briefing').replace('new budget', 'new yearly budget'));
    const rendered = await runCli(['render', edited, '-o', out, '--quiet', ...flags]);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(manifests(out).map((manifest) => manifest.slug)).toEqual(['daily-briefing']);
    expect(scriptOf(out, 'daily-briefing')).toContain('new yearly budget');
  }, 60_000);

  test('two runs at once, with different articles of one title, each keep their own folder', async () => {
    const work = mkdtempSync(join(tmpdir(), 'newscast-slugs-'));
    writeFileSync(join(work, 'council.txt'), councilStory);
    writeFileSync(join(work, 'storm.txt'), stormStory);
    const out = join(work, 'out');
    const results = await Promise.all(['council.txt', 'storm.txt'].map((name) => runCli(['generate', join(work, name), '-o', out, '--quiet', ...flags])));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const scripts = manifests(out).map((manifest) => scriptOf(out, manifest.slug));
    expect(scripts).toHaveLength(2);
    expect(scripts.filter((script) => script.includes('city council'))).toHaveLength(1);
    expect(scripts.filter((script) => script.includes('storm'))).toHaveLength(1);
    expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
  }, 60_000);
});
