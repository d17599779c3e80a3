// Speed of each part on one minute of 16 kHz speech (flite's kal16), so a mean time is ms per
// minute of audio; and the true-peak envelope of an hour. Run: npx vitest bench tests/audio/level
import { bench, describe } from 'vitest';
import { blockPowers, integratedLoudness } from '../../../src/audio/level/loudness-meter.js';
import { kWeight } from '../../../src/audio/level/k-weighting.js';
import { limit } from '../../../src/audio/level/limiter.js';
import { levelSpeech } from '../../../src/audio/level/speech-level.js';
import { truePeakEnvelope } from '../../../src/audio/level/true-peak.js';
import { fliteSpeech } from './reference.js';

const sampleRate = 16000;

/** `seconds` of speech: flite's paragraphs repeated. */
function tiled(speech: Float32Array, seconds: number): Float32Array {
  const out = new Float32Array(seconds * sampleRate);
  for (let at = 0; at < out.length; at += speech.length) out.set(speech.subarray(0, out.length - at), at);
  return out;
}

const speech = await fliteSpeech();
const minute = tiled(speech, 60);
const envelope = truePeakEnvelope(minute);
const hour = tiled(speech, 3600);

describe('one minute of 16 kHz speech', () => {
  bench('K-weighting', () => void kWeight(minute, sampleRate));
  bench('meter (K-weighting, blocks, gating)', () => void integratedLoudness(blockPowers(minute, sampleRate)));
  bench('true-peak envelope (4x FIR + parabola)', () => void truePeakEnvelope(minute));
  bench('limiter, envelope given', () => void limit(minute, envelope, { sampleRate, inputGain: 10 ** (17 / 20), ceiling: 10 ** (-2 / 20) }));
  bench('levelSpeech to -16 LUFS (everything)', () => void levelSpeech(minute, sampleRate, { targetLufs: -16 }));
});

describe('one hour of 16 kHz speech', () => {
  bench('true-peak envelope', () => void truePeakEnvelope(hour), { iterations: 2, warmupIterations: 1, time: 0 });
});
