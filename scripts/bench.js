#!/usr/bin/env node
// `npm run bench`: times newscast on this machine and writes BENCHMARKS.md.
//
// Plain ESM over the built library (dist/), so it needs no TypeScript runner. Every figure comes
// from this run: the real CLI for wall times (cold, warm, after an edit, without the cache), the
// hand-typed minimal pipeline for comparison, and the render stage in-process for the real-time
// factor of each engine and the --jobs speed-up.
//
//   node scripts/bench.js [--sizes 1,4,16] [--long] [--out BENCHMARKS.md]
//   --long adds an article of about 20,000 words (two hours of audio) for the memory check.
//   --planning-only times the chapter planning of a 4 MB article and prints its section only.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const ffmpegPath = require('@ffmpeg-installer/ffmpeg').path;
const cli = join(root, 'dist', 'cli.js');
const probe = join(root, 'scripts', 'bench-probe.js');
const example = join(root, 'examples', 'us-strikes-iraq.txt');

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,4,16' },
    long: { type: 'boolean', default: false },
    out: { type: 'string', default: join(root, 'BENCHMARKS.md') },
    'planning-only': { type: 'boolean', default: false },
  },
});
const sizes = flags.sizes.split(',').map(Number);
if (flags.long) sizes.push(44); // 455 words x 44 ≈ 20,000 words

const work = mkdtempSync(join(tmpdir(), 'newscast-bench-'));
const log = (line) => process.stderr.write(`bench: ${line}\n`);

// --- articles -------------------------------------------------------------------------------

const original = readFileSync(example, 'utf8').trim();
const paragraphs = original.split(/\n\s*\n/);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The example, then its story paragraphs again (no caption, no credit) until it is `times` as long. */
function repeated(times) {
  const story = paragraphs.slice(1).filter((paragraph) => !/^[–—-]\s/.test(paragraph.trim()));
  const parts = [original];
  for (let copy = 1; copy < times; copy++) parts.push(story.join('\n\n'));
  return parts.join('\n\n');
}

/** The same article with one paragraph (the third) changed, as an editor would; each round a new sentence. */
function edited(text, round) {
  const parts = text.split(/\n\s*\n/);
  const day = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][round % 5];
  parts[2] = `${parts[2]} Officials gave no further details on ${day}.`;
  return parts.join('\n\n');
}

// --- chapter planning of a 4 MB article ----------------------------------------------------

/**
 * Planning before issue 11 (src/script/chapters.ts at commit a56d76e, an exact split taking
 * chapters x paragraphs² steps), measured once on that unchanged code on this machine, which this
 * script no longer has: run on this 4 MB article it had not finished after 243 s of CPU; on the
 * 1 MB article made the same way (5,572 paragraphs, 532 chapters) it took 28.1 s of CPU, and the
 * 4 MB one needs 63.5 times its steps. The issue's own 4 MB article took 76 s.
 */
const planningBefore = 'about 1,780 s (estimated: 28.1 s at 1 MB x 63.5 times the steps; unfinished after 243 s of CPU); the issue\'s own 4 MB article: 76 s';

/** The example, then its story paragraphs again, to 4 MB; planned in-process (median of 3). */
async function planningOf4MbArticle() {
  const { parsePlainText } = await import(join(root, 'dist', 'article', 'plain-text.js'));
  const { planChapters } = await import(join(root, 'dist', 'script', 'chapters.js'));
  const story = paragraphs.slice(1).filter((paragraph) => !/^[–—-]\s/.test(paragraph.trim())).join('\n\n');
  const parts = [original];
  for (let bytes = original.length; bytes < 4 * 1024 * 1024; bytes += story.length + 2) parts.push(story);
  const text = parts.join('\n\n');
  const article = parsePlainText(text);
  const times = [];
  let chapters = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    chapters = planChapters(article.sections);
    times.push((performance.now() - started) / 1000);
  }
  const paragraphCount = article.sections.reduce((sum, section) => sum + section.paragraphs.length, 0);
  return { bytes: Buffer.byteLength(text), paragraphs: paragraphCount, words: text.split(/\s+/).length, chapters: chapters.length, seconds: median(times) };
}

function planningSection(planning) {
  return `## Chapter planning of a 4 MB article (issue 11)

The example, then its story paragraphs again, to ${(planning.bytes / 1024 / 1024).toFixed(1)} MB (${planning.words.toLocaleString('en-US')} words, ${planning.paragraphs.toLocaleString('en-US')} paragraphs in one section, ${planning.chapters.toLocaleString('en-US')} chapters): \`planChapters\` in-process, median of 3.
Such an article is refused by \`generate\` and \`script\` (over 12 hours of speech); planning is timed alone.

| planning | before (exact split, chapters x paragraphs²) | now (linear split above 4 million steps) |
| --- | ---: | ---: |
| 4 MB article | ${planningBefore} | ${planning.seconds.toFixed(2)} s |
`;
}

if (flags['planning-only']) {
  process.stdout.write(planningSection(await planningOf4MbArticle()));
  process.exit(0);
}

// --- measuring processes --------------------------------------------------------------------

/** Peak RSS of a running process, polled from /proc (Linux only; undefined elsewhere). */
function watchPeakRss(pid) {
  let peakKb;
  const read = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb ?? 0, Number(match[1]));
    } catch {
      // The process has ended.
    }
  };
  const timer = setInterval(read, 10);
  read();
  return () => {
    clearInterval(timer);
    return peakKb;
  };
}

/** Runs a program (argument array, no shell); returns wall seconds, stderr lines with their arrival time, and peak RSS. */
function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const stopWatching = watchPeakRss(child.pid);
    const lines = [];
    let pending = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      const now = (performance.now() - started) / 1000;
      const parts = (pending + chunk).split('\n');
      pending = parts.pop();
      for (const text of parts) lines.push({ at: now, text });
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const polledPeakKb = stopWatching();
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${lines.map((line) => line.text).join('\n')}`));
      else resolve({ seconds, lines, polledPeakKb });
    });
  });
}

/** `newscast generate --engine flite-wasm`, with its stage times read from the progress lines. */
async function generate(articlePath, cacheDir, extra = []) {
  const probeFile = join(work, 'probe.json');
  rmSync(probeFile, { force: true });
  const out = join(work, 'out');
  const result = await run(process.execPath, ['--import', probe, cli, 'generate', articlePath, '--engine', 'flite-wasm', '-o', out, ...extra], {
    NEWSCAST_CACHE_DIR: cacheDir,
    NEWSCAST_BENCH_PROBE: probeFile,
  });
  const when = (pattern) => result.lines.find((line) => pattern.test(line.text))?.at;
  const render = when(/: render: /);
  const assemble = when(/: assemble$/);
  const publish = when(/: publish$/);
  const { maxRssKb } = JSON.parse(readFileSync(probeFile, 'utf8'));
  const episode = readdirSync(out).find((name) => existsSync(join(out, name, 'episode.json')));
  const manifest = JSON.parse(readFileSync(join(out, episode, 'episode.json'), 'utf8'));
  return {
    seconds: result.seconds,
    renderSeconds: assemble - render,
    assembleSeconds: publish - assemble,
    peakRssMb: maxRssKb / 1024,
    audioSeconds: manifest.durationSeconds,
  };
}

/** What a user could type by hand: native flite, then one plain ffmpeg encode. */
async function minimal(articlePath) {
  const wav = join(work, 'minimal.wav');
  const flite = await run('flite', ['-voice', 'kal16', '-f', articlePath, '-o', wav]);
  const encode = await run(ffmpegPath, ['-loglevel', 'error', '-y', '-i', wav, '-ac', '1', '-ar', '44100', '-b:a', '64k', join(work, 'minimal.mp3')]);
  return { seconds: flite.seconds + encode.seconds, peakRssMb: Math.max(flite.polledPeakKb ?? 0, encode.polledPeakKb ?? 0) / 1024 };
}

// --- the render stage in-process ------------------------------------------------------------

const { scriptArticle } = await import(join(root, 'dist', 'pipeline.js'));
const { renderScript } = await import(join(root, 'dist', 'tts', 'render.js'));
const { createEngine, engineNames } = await import(join(root, 'dist', 'tts', 'engines', 'index.js'));

async function synthesisSeconds(engine, ssml, jobs) {
  const started = performance.now();
  const narration = await renderScript(ssml, { engine, jobs, wavPath: join(work, `synthesis-${engine.name}.wav`) });
  return { seconds: (performance.now() - started) / 1000, audioSeconds: narration.durationSeconds };
}


// --- the runs -------------------------------------------------------------------------------

const rows = [];
/** The run of median time, with the worst peak RSS of all the runs. */
function medianRun(runs) {
  const middle = [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];
  const peaks = runs.map((run) => run.peakRssMb).filter((peak) => peak !== undefined);
  return { ...middle, peakRssMb: peaks.length > 0 ? Math.max(...peaks) : undefined };
}

// The example is where the targets are judged, and a run of a few seconds is at the mercy of the
// machine: its figures are the median of three rounds, each with a fresh cache and its own edit.
const exampleRounds = 3;
for (const size of sizes) {
  const text = repeated(size);
  const articlePath = join(work, `article-${size}x.txt`);
  writeFileSync(articlePath, text);
  const rounds = [];
  for (let round = 0; round < (size === 1 ? exampleRounds : 1); round++) {
    const editedPath = join(work, `article-${size}x-edited-${round}.txt`);
    writeFileSync(editedPath, edited(text, round));
    const cacheDir = mkdtempSync(join(work, 'cache-'));
    log(`${size}x: minimal pipeline`);
    const hand = await minimal(articlePath);
    log(`${size}x: cold`);
    const cold = await generate(articlePath, cacheDir);
    log(`${size}x: warm`);
    const warm = await generate(articlePath, cacheDir);
    log(`${size}x: after a one-paragraph edit`);
    const edit = await generate(editedPath, cacheDir);
    log(`${size}x: no cache`);
    const noCache = await generate(articlePath, cacheDir, ['--no-cache']);
    rounds.push({ hand, cold, warm, edit, noCache });
  }
  const column = (name) => medianRun(rounds.map((round) => round[name]));
  rows.push({ size, words: text.split(/\s+/).length, hand: column('hand'), cold: column('cold'), warm: column('warm'), edit: column('edit'), noCache: column('noCache') });
}

log('synthesis real-time factor per engine');
const exampleScript = await scriptArticle(example);
const engines = [];
for (const name of engineNames) {
  const engine = createEngine(name);
  if (!(await engine.isAvailable())) continue;
  await synthesisSeconds(engine, exampleScript, availableParallelism()); // warm-up: workers, caches of the OS
  const measured = await synthesisSeconds(engine, exampleScript, 1);
  engines.push({ name, version: await engine.version(), voice: engine.defaultVoice, ...measured });
}

// The largest article: on a short one the render stage lasts a second or two and noise decides.
const jobsSize = Math.max(...sizes);
const jobsRounds = 5;
log(`--jobs 2 against --jobs 1 on the render stage (${jobsSize}x article, flite-wasm)`);
const jobsScript = await scriptArticle(join(work, `article-${jobsSize}x.txt`));
const flite = createEngine('flite-wasm');
await synthesisSeconds(flite, jobsScript, 2);
const byJobs = { 1: [], 2: [] };
for (let round = 0; round < jobsRounds; round++) {
  for (const jobs of [1, 2]) byJobs[jobs].push((await synthesisSeconds(flite, jobsScript, jobs)).seconds);
}
const jobs1 = median(byJobs[1]);
const jobs2 = median(byJobs[2]);

log('chapter planning of a 4 MB article');
const planning = await planningOf4MbArticle();

// --- the report -----------------------------------------------------------------------------

const s = (seconds) => `${seconds.toFixed(2)} s`;
const mb = (value) => (value ? `${Math.round(value)} MB` : 'n/a');
const ratio = (value) => `${value.toFixed(2)}x`;
const audio = (seconds) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
const cpu = /model name\s*:\s*(.+)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? 'unknown';
const base = rows.find((row) => row.size === 1);

const table = [
  '| article | words | audio | cold | warm | after 1-paragraph edit | no cache | minimal pipeline | cold / minimal | cold: render + assemble | peak RSS cold / warm / edit / no cache | minimal peak RSS |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(({ size, words, hand, cold, warm, edit, noCache }) =>
    [
      size === 1 ? 'example' : `example x${size}`,
      words,
      audio(cold.audioSeconds),
      s(cold.seconds),
      s(warm.seconds),
      s(edit.seconds),
      s(noCache.seconds),
      s(hand.seconds),
      ratio(cold.seconds / hand.seconds),
      `${s(cold.renderSeconds)} + ${s(cold.assembleSeconds)}`,
      [cold, warm, edit, noCache].map((result) => mb(result.peakRssMb)).join(' / '),
      mb(hand.peakRssMb),
    ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'),
  ),
];

const engineTable = [
  '| engine | voice | version | synthesis time | audio | real-time factor (synthesis / audio) |',
  '| --- | --- | --- | ---: | ---: | ---: |',
  ...engines.map((engine) => `| ${engine.name} | ${engine.voice} | ${engine.version} | ${s(engine.seconds)} | ${audio(engine.audioSeconds)} | ${(engine.seconds / engine.audioSeconds).toFixed(4)} |`),
];

const verdict = (met) => (met ? 'met' : '**missed**');
const largest = rows.at(-1);
const targets = [];
if (base) {
  targets.push(`- Cold generate of the example within 1.3x of the minimal pipeline: ${ratio(base.cold.seconds / base.hand.seconds)}, ${verdict(base.cold.seconds <= 1.3 * base.hand.seconds)}.`);
  targets.push(`- Re-render after a one-paragraph edit at most a third of cold: ${ratio(base.edit.seconds / base.cold.seconds)} of cold, ${verdict(base.edit.seconds <= base.cold.seconds / 3)}.`);
  // Cost = a fixed start-up + a cost per word. Linear means the cost per word stays the same as
  // the text grows; the plain time ratio also shows, but a fixed cost makes it sublinear.
  const perWord = (from, to) => (to.noCache.seconds - from.noCache.seconds) / (to.words - from.words);
  const sized = rows.filter((row) => row.size > 1);
  for (const [index, row] of sized.entries()) {
    const previous = index === 0 ? base : sized[index - 1];
    const first = perWord(base, sized[0]);
    const marginal = perWord(previous, row);
    const cost = row.noCache.seconds / base.noCache.seconds;
    targets.push(
      `- Linear cost, ${row.size}x the text (no cache, so repeated sentences are really spoken): ${cost.toFixed(1)}x the time; ` +
        `each added word costs ${(marginal * 1000).toFixed(2)} ms (${previous.size}x → ${row.size}x)` +
        (index === 0 ? '' : ` against ${(first * 1000).toFixed(2)} ms (1x → ${sized[0].size}x), ${verdict(Math.abs(marginal / first - 1) <= 0.2)}`) +
        '.',
    );
  }
}
const worstRss = Math.max(...rows.flatMap((row) => [row.cold, row.warm, row.edit, row.noCache].map((result) => result.peakRssMb)));
targets.push(`- Peak RSS under 300 MB at every size: worst ${mb(worstRss)} (largest: ${largest.words} words), ${verdict(worstRss < 300)}.`);
targets.push(`- --jobs 2 at least 1.6x faster than --jobs 1 on the render stage: ${s(jobs1)} / ${s(jobs2)} = ${ratio(jobs1 / jobs2)}, ${verdict(jobs1 / jobs2 >= 1.6)}.`);

const report = `# Benchmarks

Regenerate with \`npm run bench\` (\`node scripts/bench.js --sizes ${flags.sizes}${flags.long ? ' --long' : ''}\` after a build); the figures below come from one run.

- Machine: ${availableParallelism()} cores (\`nproc\`), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}
- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC
- Command timed: \`newscast generate ARTICLE --engine flite-wasm\` (default \`--jobs ${availableParallelism()}\`), with \`NEWSCAST_CACHE_DIR\` a fresh folder per size.
  Cold = empty cache; warm = the same article again; edit = one paragraph changed (one sentence added), same cache; no cache = \`--no-cache\`.
- Minimal pipeline, timed in the same run: \`flite -voice kal16 -f article.txt -o a.wav && ffmpeg -i a.wav -ac 1 -ar 44100 -b:a 64k a.mp3\` (native flite, ffmpeg from @ffmpeg-installer/ffmpeg).
- Longer articles are the example followed by its story paragraphs again. Within one cold run, a sentence heard before comes from the cache, which is why cold can beat no cache on repeated text; linearity is judged on the no-cache column, as a steady cost per added word (a fixed start-up cost makes the plain time ratio smaller than the length ratio).
- Peak RSS of newscast is the node process (all its threads), from \`process.resourceUsage().maxRSS\` reported on exit; ffmpeg children run beside it and are not included. The minimal pipeline's is polled from /proc.
- Render and assemble are the stage times read from the CLI's progress lines; everything else in a run is start-up, reading, scripting and publishing.
- The example's row is the median of ${exampleRounds} rounds (each with a fresh cache and a different edit; peak RSS the worst of them); the longer articles are one round each.

## newscast against the minimal pipeline

${table.join('\n')}

## Synthesis speed per engine installed

The render stage alone (SSML walk, synthesis, trimming, writing the WAV), on the example's script, \`--jobs 1\`, no cache.

${engineTable.join('\n')}

## Parallel synthesis

Render stage of the ${jobsSize}x article with flite-wasm, no cache, median of ${jobsRounds}: \`--jobs 1\` ${s(jobs1)}, \`--jobs 2\` ${s(jobs2)}: **${ratio(jobs1 / jobs2)}** faster. The WAV and every mark are byte-identical for any \`--jobs\` (tests/tts/parallel-render.test.ts).

${planningSection(planning)}
## Targets (issue 5)

${targets.join('\n')}
`;

// Sections other benchmarks own (bench:extraction's "## Extraction (issue 10)") are kept.
const previous = existsSync(flags.out) ? readFileSync(flags.out, 'utf8') : '';
const kept = previous.indexOf('\n## Extraction (issue 10)');
writeFileSync(flags.out, kept === -1 ? report : `${report}${previous.slice(kept)}`);
rmSync(work, { recursive: true, force: true });
log(`wrote ${flags.out}`);
process.stdout.write(report);
process.exit(0); // idle flite-wasm worker threads would end on their own; do not wait for them
