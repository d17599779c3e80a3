// What can be measured of how a voice sounds, for scripts/bench-voices.js: pitch (median and spread,
// by autocorrelation), pauses inside the speech, and spectral bandwidth (the frequency under which
// 99% of the energy lies). Plain signal arithmetic on 16-bit mono samples; no dependency.

const frameRms = (samples, start, length) => {
  let sum = 0;
  for (let i = start; i < start + length; i++) sum += samples[i] * samples[i];
  return Math.sqrt(sum / length);
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** Fundamental frequency of each voiced 40 ms frame (10 ms hop), 60–400 Hz, found at about 8 kHz. */
function pitches(original, originalRate) {
  // Averaging each group of samples down to ~8 kHz keeps the pitch and cuts the work tenfold.
  const factor = Math.max(1, Math.floor(originalRate / 8000));
  const sampleRate = originalRate / factor;
  const samples = new Float64Array(Math.floor(original.length / factor));
  for (let i = 0; i < samples.length; i++) {
    for (let j = 0; j < factor; j++) samples[i] += original[i * factor + j] / factor;
  }
  const length = Math.round(0.04 * sampleRate);
  const hop = Math.round(0.01 * sampleRate);
  const [minLag, maxLag] = [Math.floor(sampleRate / 400), Math.ceil(sampleRate / 60)];
  let loudest = 0;
  for (let start = 0; start + length <= samples.length; start += hop) loudest = Math.max(loudest, frameRms(samples, start, length));
  const found = [];
  for (let start = 0; start + length + maxLag <= samples.length; start += hop) {
    // Frames 30 dB below the loudest are silence or breath, not voice.
    if (frameRms(samples, start, length) < loudest / 31.6) continue;
    let energy = 0;
    for (let i = start; i < start + length; i++) energy += samples[i] * samples[i];
    let best = 0;
    let bestLag = 0;
    for (let lag = minLag; lag <= maxLag; lag++) {
      let sum = 0;
      let lagged = 0;
      for (let i = start; i < start + length; i++) {
        sum += samples[i] * samples[i + lag];
        lagged += samples[i + lag] * samples[i + lag];
      }
      const normalized = sum / Math.sqrt(energy * lagged || 1);
      if (normalized > best) [best, bestLag] = [normalized, lag];
    }
    // A clear period only: unvoiced sounds correlate weakly.
    if (best > 0.7) found.push(sampleRate / bestLag);
  }
  return found.sort((a, b) => a - b);
}

/** Silent stretches of at least 150 ms (20 ms frames 40 dB below the loudest) inside each piece. */
function pauses(pieces, sampleRate) {
  const length = Math.round(0.02 * sampleRate);
  const found = [];
  for (const samples of pieces) {
    let loudest = 0;
    for (let start = 0; start + length <= samples.length; start += length) loudest = Math.max(loudest, frameRms(samples, start, length));
    let quiet = 0;
    for (let start = 0; start + length <= samples.length; start += length) {
      if (frameRms(samples, start, length) < loudest / 100) quiet++;
      else {
        if (quiet * 0.02 >= 0.15) found.push(quiet * 0.02);
        quiet = 0;
      }
    }
  }
  return found;
}

/** In-place radix-2 FFT of re/im (length a power of two). */
function fft(re, im) {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const angle = (-2 * Math.PI) / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < size / 2; k++) {
        const [cos, sin] = [Math.cos(angle * k), Math.sin(angle * k)];
        const [a, b] = [start + k, start + k + size / 2];
        const tr = re[b] * cos - im[b] * sin;
        const ti = re[b] * sin + im[b] * cos;
        [re[b], im[b]] = [re[a] - tr, im[a] - ti];
        [re[a], im[a]] = [re[a] + tr, im[a] + ti];
      }
    }
  }
}

/** The frequency under which 99% of the long-term spectrum's energy lies (Hann-windowed 2,048-sample frames). */
function rolloff(samples, sampleRate) {
  const n = 2048;
  const power = new Float64Array(n / 2);
  for (let start = 0; start + n <= samples.length; start += n / 2) {
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    for (let i = 0; i < n; i++) re[i] = samples[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
    fft(re, im);
    for (let k = 0; k < n / 2; k++) power[k] += re[k] * re[k] + im[k] * im[k];
  }
  const total = power.reduce((sum, value) => sum + value, 0);
  let sum = 0;
  for (let k = 0; k < n / 2; k++) {
    sum += power[k];
    if (sum >= 0.99 * total) return (k * sampleRate) / n;
  }
  return sampleRate / 2;
}

/** Measures of one voice's speech, given each paragraph's samples (silence at the ends trimmed). */
export function voiceMeasures(pieces, sampleRate) {
  const f0 = pitches(Int16Array.from(pieces.flatMap((piece) => Array.from(piece))), sampleRate);
  const semitones = (high, low) => 12 * Math.log2(high / low);
  const gaps = pauses(pieces, sampleRate);
  const all = new Int16Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    all.set(piece, offset);
    offset += piece.length;
  }
  return {
    medianPitch: percentile(f0, 0.5),
    // 5th to 95th percentile, in semitones: how far the intonation moves.
    pitchRange: semitones(percentile(f0, 0.95), percentile(f0, 0.05)),
    pauseCount: gaps.length,
    pauseSeconds: gaps.reduce((sum, gap) => sum + gap, 0),
    rolloffHz: rolloff(all, sampleRate),
    nyquistHz: sampleRate / 2,
  };
}
