import { describe, expect, it } from 'vitest';
import { clipGainDb, gainForTarget, isWithinTarget, levelCorrection } from '../../src/audio/loudness.js';

describe('gainForTarget', () => {
  it('interpolates between the trials that bracket the target', () => {
    const trials = [
      { gainDb: 13, integrated: -17.1 },
      { gainDb: 14.5, integrated: -16.4 },
      { gainDb: 16, integrated: -15.8 },
    ];
    expect(gainForTarget(trials, -16)).toBeCloseTo(15.5, 5);
  });

  it('extrapolates from the top two when even the largest gain falls short', () => {
    const trials = [
      { gainDb: 0, integrated: -20 },
      { gainDb: 2, integrated: -19 },
    ];
    expect(gainForTarget(trials, -16)).toBeCloseTo(8, 5);
  });

  it('uses a plain difference for a single trial', () => {
    expect(gainForTarget([{ gainDb: 3, integrated: -18 }], -16)).toBe(5);
  });
});

describe('loudness acceptance and correction', () => {
  it('accepts -16.3 LUFS / -1.5 dBTP but not -16.6 or a true peak over -1', () => {
    expect(isWithinTarget({ integrated: -16.3, truePeak: -1.5, range: 3 })).toBe(true);
    expect(isWithinTarget({ integrated: -16.6, truePeak: -2, range: 3 })).toBe(false);
    expect(isWithinTarget({ integrated: -16, truePeak: -0.9, range: 3 })).toBe(false);
  });

  it('turns a too-loud episode down after the limiter', () => {
    expect(levelCorrection({ integrated: -14.8, truePeak: -2, range: 4 })).toEqual({
      afterLimiterDb: expect.closeTo(-1.2, 5),
      beforeLimiterDb: expect.closeTo(0, 5),
    });
  });

  it('boosts after the limiter only as far as the true-peak headroom allows', () => {
    const correction = levelCorrection({ integrated: -17, truePeak: -1.8, range: 4 });
    expect(correction.afterLimiterDb).toBeCloseTo(0.6, 5);
    expect(correction.beforeLimiterDb).toBeCloseTo(0.4, 5);
  });

  it('leaves clips too short to measure as they are', () => {
    expect(clipGainDb({ integrated: -70, truePeak: Number.NaN, range: 0 })).toBe(0);
    expect(clipGainDb({ integrated: -22, truePeak: Number.NaN, range: 0 })).toBe(6);
  });
});
