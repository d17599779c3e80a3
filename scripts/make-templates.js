#!/usr/bin/env node
// Makes the clips and template.json of every built-in template in audio-templates/ from synthesized
// sound only (no third-party audio), reproducibly: the same ffmpeg gives the same bytes.
// Run: npm run templates
//
// Stings are a few soft, bell-like chord tones (sines with a gentle second harmonic and an
// exponential decay), given a little room with an echo and faded out. The news bed is a loop of a
// low drone, a slowly breathing chord and a soft clock-like tick; every frequency is a multiple of
// 1/8 Hz so the 8-second loop joins without a click. Each clip is stored at the loudness the
// narration is normalized to; the assembler sets the final levels.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ffmpegPath = require('@ffmpeg-installer/ffmpeg').path;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const templatesDir = join(root, 'audio-templates');
const sampleRate = 44100;
/** The level the episode is normalized to (LUFS); the clips are stored at it. */
const targetLufs = -16;
/** Equal-tempered pitch of a note name such as "C4" or "F#5". */
function frequency(note) {
  const match = /^([A-G])(#?)(\d)$/.exec(note);
  if (!match) throw new Error(`Bad note ${note}`);
  const semitone = { C: -9, D: -7, E: -5, F: -4, G: -2, A: 0, B: 2 }[match[1]];
  const fromA4 = semitone + (match[2] ? 1 : 0) + (Number(match[3]) - 4) * 12;
  return 440 * 2 ** (fromA4 / 12);
}

/**
 * An aevalsrc expression: each tone starts at `at` seconds and decays with time constant `decay`.
 * A 15 ms attack ramp avoids clicks.
 */
function chordExpression(tones) {
  return tones
    .map(({ note, at, decay, gain }) => {
      const f = frequency(note).toFixed(3);
      const local = `(t-${at})`;
      const envelope = `${gain}*min(1,${local}/0.015)*exp(-${local}/${decay})`;
      const timbre = `(sin(2*PI*${f}*t)+0.25*sin(4*PI*${f}*t)+0.08*sin(6*PI*${f}*t))`;
      return `if(gte(t,${at}),${envelope}*${timbre},0)`;
    })
    .join('+');
}

const defaultStings = {
  // Rising Cmaj9 arpeggio that settles into the full chord.
  'intro.flac': {
    seconds: 3.6,
    tones: [
      { note: 'C4', at: 0.0, decay: 1.6, gain: 0.22 },
      { note: 'G4', at: 0.18, decay: 1.4, gain: 0.18 },
      { note: 'E4', at: 0.36, decay: 1.4, gain: 0.18 },
      { note: 'B4', at: 0.54, decay: 1.2, gain: 0.14 },
      { note: 'D5', at: 0.72, decay: 1.2, gain: 0.13 },
      { note: 'C3', at: 0.9, decay: 1.8, gain: 0.2 },
      { note: 'G4', at: 0.9, decay: 1.6, gain: 0.12 },
      { note: 'E5', at: 0.9, decay: 1.4, gain: 0.1 },
    ],
  },
  // Falling figure that resolves onto a low C major chord.
  'outro.flac': {
    seconds: 3.0,
    tones: [
      { note: 'G4', at: 0.0, decay: 0.9, gain: 0.18 },
      { note: 'E4', at: 0.22, decay: 0.9, gain: 0.18 },
      { note: 'D4', at: 0.44, decay: 0.9, gain: 0.16 },
      { note: 'C3', at: 0.66, decay: 1.6, gain: 0.22 },
      { note: 'C4', at: 0.66, decay: 1.5, gain: 0.18 },
      { note: 'E4', at: 0.66, decay: 1.4, gain: 0.13 },
      { note: 'G4', at: 0.66, decay: 1.3, gain: 0.12 },
    ],
  },
};

const newsStings = {
  // Four quick rising notes, then a bright open fifth: a headline "ident".
  'intro.flac': {
    seconds: 2.8,
    tones: [
      { note: 'D4', at: 0.0, decay: 0.25, gain: 0.2 },
      { note: 'A4', at: 0.12, decay: 0.25, gain: 0.18 },
      { note: 'D5', at: 0.24, decay: 0.25, gain: 0.16 },
      { note: 'F#5', at: 0.36, decay: 0.3, gain: 0.14 },
      { note: 'D3', at: 0.5, decay: 1.5, gain: 0.22 },
      { note: 'A4', at: 0.5, decay: 1.3, gain: 0.15 },
      { note: 'D5', at: 0.5, decay: 1.2, gain: 0.12 },
      { note: 'A5', at: 0.5, decay: 1.0, gain: 0.08 },
    ],
  },
  // Between a bulletin's stories: two quick notes of the ident and a short open fifth.
  'transition.flac': {
    seconds: 1.6,
    tones: [
      { note: 'A4', at: 0.0, decay: 0.2, gain: 0.16 },
      { note: 'D5', at: 0.1, decay: 0.2, gain: 0.16 },
      { note: 'D4', at: 0.2, decay: 0.6, gain: 0.2 },
      { note: 'A4', at: 0.2, decay: 0.5, gain: 0.12 },
    ],
  },
  // The ident in reverse order, landing low.
  'outro.flac': {
    seconds: 2.6,
    tones: [
      { note: 'A5', at: 0.0, decay: 0.25, gain: 0.12 },
      { note: 'F#5', at: 0.12, decay: 0.25, gain: 0.14 },
      { note: 'D5', at: 0.24, decay: 0.25, gain: 0.16 },
      { note: 'A4', at: 0.36, decay: 0.3, gain: 0.18 },
      { note: 'D3', at: 0.5, decay: 1.4, gain: 0.22 },
      { note: 'A3', at: 0.5, decay: 1.3, gain: 0.16 },
      { note: 'D4', at: 0.5, decay: 1.2, gain: 0.13 },
    ],
  },
};

/** Seconds of the news bed's loop; every frequency in it is a multiple of 1/loop Hz. */
const bedLoopSeconds = 8;
/** The bed's lowest, steadiest component (a multiple of 1/8 Hz near C2); tests listen for it. */
const bedDroneHz = 65.375;

/** A frequency rounded to a whole number of cycles per loop, so the loop is seamless. */
function loopable(hz) {
  return Math.round(hz * bedLoopSeconds) / bedLoopSeconds;
}

function bedExpression() {
  const drone = `0.30*sin(2*PI*${bedDroneHz}*t)+0.10*sin(2*PI*${2 * bedDroneHz}*t)`;
  // An A minor 7 chord breathing over the loop (one swell per 4 s).
  const chord = ['A3', 'C4', 'E4', 'G4']
    .map((note, index) => `${(0.09 - index * 0.012).toFixed(3)}*sin(2*PI*${loopable(frequency(note))}*t)`)
    .join('+');
  const swell = `(0.65+0.35*sin(2*PI*t/4))`;
  // A soft tick every half second, like a newsroom clock.
  const tick = `0.07*exp(-mod(t,0.5)/0.02)*sin(2*PI*${loopable(1760)}*t)`;
  return `${drone}+${swell}*(${chord})+${tick}`;
}

/** Runs ffmpeg with an argument array (no shell); resolves with its stderr. */
function ffmpeg(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, ['-hide_banner', '-nostdin', '-y', ...args]);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stderr) : reject(new Error(`ffmpeg exited ${code}:\n${stderr.slice(-2000)}`)),
    );
  });
}

function integratedLoudness(stderr) {
  const match = /Integrated loudness:\s*I:\s*(-?[\d.]+) LUFS/.exec(stderr);
  if (!match) throw new Error('ebur128 printed no integrated loudness');
  return Number(match[1]);
}

/** Writes `raw` (float WAV) as a 16-bit FLAC at the target loudness, bit-exact across runs. */
async function storeAtTarget(raw, destination, label) {
  const measured = integratedLoudness(await ffmpeg(['-i', raw, '-af', 'ebur128=peak=true', '-f', 'null', '-']));
  const gainDb = targetLufs - measured;
  await ffmpeg([
    '-i', raw,
    '-af', `volume=${gainDb.toFixed(2)}dB`,
    '-ac', '1', '-ar', String(sampleRate),
    '-c:a', 'flac', '-sample_fmt', 's16', '-compression_level', '8',
    '-fflags', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1',
    destination,
  ]);
  const check = await ffmpeg(['-i', destination, '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  const peak = /True peak:\s*Peak:\s*(-?[\d.]+|-inf)/.exec(check)?.[1];
  console.log(`${label}: ${integratedLoudness(check)} LUFS, true peak ${peak} dBTP`);
}

async function makeSting(dir, name, { seconds, tones }, scratch) {
  const fadeSeconds = 1.0;
  const filter = [
    `aevalsrc=exprs='${chordExpression(tones)}':s=${sampleRate}:d=${seconds}`,
    'aecho=0.8:0.6:70|130:0.22|0.12', // a little room
    'lowpass=f=7000',
    `afade=t=out:st=${seconds - fadeSeconds}:d=${fadeSeconds}:curve=tri`,
    // aecho lengthens the stream; cut it back to exactly `seconds`.
    `atrim=end_sample=${Math.round(seconds * sampleRate)}`,
  ].join(',');
  const raw = join(scratch, `${name}.wav`);
  await ffmpeg(['-f', 'lavfi', '-i', filter, '-c:a', 'pcm_f32le', raw]);
  await storeAtTarget(raw, join(dir, name), `${dir.slice(templatesDir.length + 1)}/${name} (${seconds} s)`);
}

async function makeBed(dir, scratch) {
  const samples = bedLoopSeconds * sampleRate;
  const filter = [
    `aevalsrc=exprs='${bedExpression()}':s=${sampleRate}:d=${bedLoopSeconds}`,
    'lowpass=f=5000',
    `atrim=end_sample=${samples}`,
  ].join(',');
  const raw = join(scratch, 'bed.wav');
  await ffmpeg(['-f', 'lavfi', '-i', filter, '-c:a', 'pcm_f32le', raw]);
  await storeAtTarget(raw, join(dir, 'bed.flac'), `news/bed.flac (${bedLoopSeconds} s loop)`);
}

/** What every template says at the start and end; {placeholders} are filled per episode. */
const spokenLines = {
  intro: ['This is {show}.', '{title}.', 'From {source}.', 'By {byline}.', 'Published {date}.'],
  outro: ['This story is from {source}.', 'Thanks for listening to {show}.'],
};

const templates = {
  default: {
    name: 'default',
    show: 'Newscast',
    language: 'en',
    preset: 'speech',
    intro: { clip: 'intro.flac', crossfade: 0.6, gap: 0 },
    outro: { clip: 'outro.flac', gap: 0.8 },
    cover: { background: '#1b2a41', accent: '#e4572e', text: '#ffffff' },
    lines: spokenLines,
  },
  news: {
    name: 'news',
    show: 'Newscast',
    language: 'en',
    preset: 'standard',
    intro: { clip: 'intro.flac', crossfade: 1.0, gap: 0 },
    outro: { clip: 'outro.flac', gap: 1.0 },
    transition: { clip: 'transition.flac' },
    bed: {
      clip: 'bed.flac',
      level: -8,
      duck: 18,
      span: 'opening',
      returnBetweenSections: true,
      leadIn: 2.0,
      tail: 2.5,
      fadeIn: 0.6,
      fadeOut: 2.0,
      attack: 0.25,
      release: 0.35,
    },
    cover: { background: '#7a1020', accent: '#ffd166', text: '#ffffff' },
    lines: { intro: ['{title}.', 'This is {show}.', 'From {source}.', 'By {byline}.', 'Published {date}.'], outro: spokenLines.outro },
  },
  minimal: {
    name: 'minimal',
    show: 'Newscast',
    language: 'en',
    preset: 'speech',
    cover: { background: '#f4f1ea', accent: '#1f1f1f', text: '#111111' },
    lines: { intro: ['{title}.', 'From {source}.', 'Published {date}.'], outro: ['This story is from {source}.'] },
  },
};

const scratch = mkdtempSync(join(tmpdir(), 'newscast-templates-'));
try {
  for (const [name, template] of Object.entries(templates)) {
    const dir = join(templatesDir, name);
    mkdirSync(dir, { recursive: true });
    const stings = name === 'default' ? defaultStings : name === 'news' ? newsStings : {};
    for (const [clip, sting] of Object.entries(stings)) await makeSting(dir, clip, sting, scratch);
    if (template.bed) await makeBed(dir, scratch);
    writeFileSync(join(dir, 'template.json'), JSON.stringify(template, null, 2) + '\n');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
