import { describe, expect, it } from 'vitest';
import { clipGainDb } from '../../src/audio/loudness.js';

describe('clipGainDb', () => {
  it('brings a clip to the target, and leaves clips too short to measure as they are', () => {
    expect(clipGainDb({ integrated: -70, truePeak: Number.NaN, range: 0 }, -16)).toBe(0);
    expect(clipGainDb({ integrated: -22, truePeak: Number.NaN, range: 0 }, -16)).toBe(6);
    expect(clipGainDb({ integrated: -22, truePeak: Number.NaN, range: 0 }, -15.5)).toBe(6.5);
  });
});
