#!/usr/bin/env node
// `npm run bench` (after bench.js): the test bulletin's chapters and timings, and how long it takes
// cold (empty cache) and warm (everything in the cache), with the real CLI. Replaces its own
// section of BENCHMARKS.md, "## Bulletins (issue 16)".
//
//   node scripts/bench-bulletin.js [--rounds 3] [--out BENCHMARKS.md]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeBenchmarksSection } from './benchmarks-section.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const probe = join(root, 'scripts', 'bench-probe.js');
const { values: flags } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, out: { type: 'string', default: join(root, 'BENCHMARKS.md') } } });
const rounds = Number(flags.rounds);
const stories = ['bridge-inquiry.md', 'ferry-resumes.md', 'school-meals.md', 'orchestra-tour.txt'].map((name) => `tests/fixtures/articles/bulletin-${name}`);
const work = mkdtempSync(join(tmpdir(), 'newscast-bench-bulletin-'));
const log = (line) => process.stderr.write(`bench-bulletin: ${line}\n`);

/** One CLI run: wall seconds, peak RSS (MB), the manifest, and stderr. */
function bulletin(args, cacheDir) {
  const probeFile = join(work, 'probe.json');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', probe, cli, 'bulletin', ...stories, '--engine', 'flite-wasm', '--template', 'news', '--json', '-o', join(work, 'out'), ...args], {
      cwd: root,
      env: { ...process.env, NEWSCAST_CACHE_DIR: cacheDir, NEWSCAST_BENCH_PROBE: probeFile },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`bulletin exited ${code}: ${stderr}`));
      resolve({ seconds, peakMb: JSON.parse(readFileSync(probeFile, 'utf8')).maxRssKb / 1024, manifest: JSON.parse(stdout), stderr });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');
const loadBefore = load();
const cold = [];
const warm = [];
for (let round = 0; round < rounds; round++) {
  const cache = join(work, `cache-${round}`);
  cold.push(await bulletin(['--title', 'Evening bulletin'], cache));
  warm.push(await bulletin(['--title', 'Evening bulletin'], cache));
  log(`round ${round + 1}: cold ${cold.at(-1).seconds.toFixed(2)} s, warm ${warm.at(-1).seconds.toFixed(2)} s`);
}
const fitted = await bulletin(['--title', 'Short bulletin', '--max-minutes', '2.5'], join(work, 'cache-0'));
const loadAfter = load();

const time = (seconds) => `${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(2).padStart(5, '0')}`;
const { manifest } = cold[0];
const s = (seconds) => `${seconds.toFixed(2)} s`;
const cut = /--max-minutes 2\.5: (.*)/.exec(fitted.stderr)?.[1] ?? '';
const lines = [
  '## Bulletins (issue 16)',
  '',
  `Regenerate with \`node scripts/bench-bulletin.js\` (part of \`npm run bench\`). ${availableParallelism()} cores, ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  `Command: \`newscast bulletin ${stories.join(' ')} --engine flite-wasm --template news --title "Evening bulletin" --json\` (default \`--jobs ${availableParallelism()}\`). Cold = a fresh \`NEWSCAST_CACHE_DIR\`; warm = the same bulletin again with that cache (every sentence and every encoded stretch found). Median of ${rounds} rounds. Load average (1 / 5 / 15 min) before: ${loadBefore}, after: ${loadAfter}; other jobs shared the machine, so wall times are longer than on a quiet one.`,
  '',
  `| run | wall time | peak RSS (node) |`,
  `| --- | ---: | ---: |`,
  `| cold | ${s(median(cold.map((run) => run.seconds)))} | ${median(cold.map((run) => run.peakMb)).toFixed(0)} MB |`,
  `| warm (all cached) | ${s(median(warm.map((run) => run.seconds)))} | ${median(warm.map((run) => run.peakMb)).toFixed(0)} MB |`,
  '',
  `The test bulletin: ${time(manifest.durationSeconds)}, ${manifest.loudness.integrated.toFixed(1)} LUFS, true peak ${manifest.loudness.truePeak.toFixed(1)} dBTP; the sting sounds at ${manifest.parts.transitions.map((span) => time(span.start)).join(', ')}.`,
  '',
  '| chapter | start | length |',
  '| --- | ---: | ---: |',
  ...manifest.chapters.map((chapter) => `| ${chapter.title} | ${time(chapter.start)} | ${s(chapter.end - chapter.start)} |`),
  '',
  `With \`--max-minutes 2.5 --title "Short bulletin"\` (warm cache: fitting renders into the cache and measures): ${s(fitted.seconds)}, ${time(fitted.manifest.durationSeconds)} long; ${cut}.`,
  '',
];

const section = lines.join('\n');
writeBenchmarksSection(flags.out, section);
rmSync(work, { recursive: true, force: true });
process.stdout.write(`${section}\n`);
