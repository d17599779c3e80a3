// The K-weighting of ITU-R BS.1770-4: a high shelf (+4 dB above ~1.7 kHz, the head's acoustic
// effect) followed by the RLB high-pass (~38 Hz). The standard tabulates coefficients for 48 kHz
// only; like libebur128 (ebur128_init_filter) we derive them for any rate from the analog
// parameters that reproduce that table, through the bilinear transform pre-warped at each
// filter's corner frequency.

/** A second-order section: y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2]. */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

// Analog parameters of the 48 kHz table, as reverse-engineered by libebur128.
const shelf = { frequency: 1681.974450955533, gainDb: 3.999843853973347, q: 0.7071752369554196, slope: 0.4996667741545416 };
const highPass = { frequency: 38.13547087602444, q: 0.5003270373238773 };

export function shelfFilter(sampleRate: number): Biquad {
  const k = Math.tan((Math.PI * shelf.frequency) / sampleRate);
  const vh = 10 ** (shelf.gainDb / 20);
  const vb = vh ** shelf.slope;
  const a0 = 1 + k / shelf.q + k * k;
  return {
    b0: (vh + (vb * k) / shelf.q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / shelf.q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / shelf.q + k * k) / a0,
  };
}

/** 1 + K/Q + K², the bilinear transform's normalizer, for the high-pass at a rate. */
function highPassNormalizer(sampleRate: number): number {
  const k = Math.tan((Math.PI * highPass.frequency) / sampleRate);
  return 1 + k / highPass.q + k * k;
}

/**
 * The RLB high-pass. BS.1770's table (and libebur128 at every rate) keeps the numerator at
 * 1, -2, 1, which leaves a pass-band gain equal to the normalizer: +0.04 dB at 48 kHz, but +0.13 dB
 * at 16 kHz. We scale the numerator so every rate has the 48 kHz table's pass-band gain; otherwise
 * 16 kHz speech reads ~0.09 LU louder than the same speech resampled to 48 kHz (which is what
 * ffmpeg's ebur128 measures).
 */
export function highPassFilter(sampleRate: number): Biquad {
  const k = Math.tan((Math.PI * highPass.frequency) / sampleRate);
  const normalizer = highPassNormalizer(sampleRate);
  const gain = highPassNormalizer(48000) / normalizer;
  return {
    b0: gain,
    b1: -2 * gain,
    b2: gain,
    a1: (2 * (k * k - 1)) / normalizer,
    a2: (1 - k / highPass.q + k * k) / normalizer,
  };
}

/**
 * The K-weighted signal (shelf then high-pass, from silence), filtered in double precision and
 * stored in single: ample for summing energies, at half the memory (an hour of speech is levelled
 * a stretch at a time, and these arrays are most of its garbage).
 */
export function kWeight(samples: Float32Array, sampleRate: number): Float32Array {
  const out = new Float32Array(samples.length);
  const s = shelfFilter(sampleRate);
  const h = highPassFilter(sampleRate);
  // Transposed direct form II: two state variables per section.
  let s1 = 0;
  let s2 = 0;
  let h1 = 0;
  let h2 = 0;
  for (let n = 0; n < samples.length; n++) {
    const x = samples[n]!;
    const y = s.b0 * x + s1;
    s1 = s.b1 * x - s.a1 * y + s2;
    s2 = s.b2 * x - s.a2 * y;
    const z = h.b0 * y + h1;
    h1 = h.b1 * y - h.a1 * z + h2;
    h2 = h.b2 * y - h.a2 * z;
    out[n] = z;
  }
  return out;
}
