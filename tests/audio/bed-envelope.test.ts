import { describe, expect, it } from 'vitest';
import { bedEnvelopeFilter, mergeClose, placeBed, speechSpans } from '../../src/audio/bed-envelope.js';
import type { TemplateBed } from '../../src/audio/template.js';
import { planTimeline } from '../../src/audio/timeline.js';

const bed: TemplateBed = {
  path: '/bed.flac', level: -8, duck: 18, span: 'opening', returnBetweenSections: true,
  leadIn: 2, tail: 2.5, fadeIn: 0.5, fadeOut: 2, attack: 0.25, release: 0.35,
};
const sentences = [
  { text: 'This is Newscast.', start: 0, end: 1 },
  { text: 'Headline.', start: 1.4, end: 6 },
  { text: 'Body one.', start: 8, end: 15 },
  { text: 'Body two.', start: 15.8, end: 20 },
  { text: 'Second section.', start: 22, end: 30 },
];
const chapters = [
  { title: 'Introduction', start: 0 },
  { title: 'Story', start: 7.5 },
  { title: 'More', start: 21.5 },
];
const rate = 44100;
const layout = planTimeline(
  { sampleRate: rate, introSamples: 3 * rate, narrationSamples: 31 * rate, speechEndSamples: 30 * rate, outroSamples: 2 * rate },
  { crossfadeSamples: rate, gapAfterIntroSamples: 0, gapBeforeOutroSamples: Math.round(0.8 * rate) },
);

describe('the timeline', () => {
  it('overlaps the intro and the narration by the crossfade, exactly in samples', () => {
    expect(layout.narrationStart).toBe(2 * rate);
    expect(layout.introFadeSamples).toBe(rate);
    expect(layout.outroStart).toBe(2 * rate + 30 * rate + Math.round(0.8 * rate));
    expect(layout.totalSamples).toBe(layout.outroStart + 2 * rate);
  });

  it('starts at 0 without an intro, and never crossfades past the intro', () => {
    const bare = planTimeline(
      { sampleRate: rate, introSamples: 0, narrationSamples: 100, speechEndSamples: 90, outroSamples: 0 },
      { crossfadeSamples: 50, gapAfterIntroSamples: 10, gapBeforeOutroSamples: 10 },
    );
    expect(bare).toMatchObject({ narrationStart: 0, totalSamples: 100 });
    const short = planTimeline(
      { sampleRate: rate, introSamples: 20, narrationSamples: 100, speechEndSamples: 100, outroSamples: 0 },
      { crossfadeSamples: 50, gapAfterIntroSamples: 0, gapBeforeOutroSamples: 0 },
    );
    expect(short.narrationStart).toBe(0);
  });
});

describe('speech spans', () => {
  it('joins the sentences of each chapter', () => {
    expect(speechSpans(sentences, chapters, true)).toEqual([
      { start: 0, end: 6 },
      { start: 8, end: 20 },
      { start: 22, end: 30 },
    ]);
  });

  it('is one span when the bed should not come back between sections', () => {
    expect(speechSpans(sentences, chapters, false)).toEqual([{ start: 0, end: 30 }]);
  });

  it('merges spans too close for the bed to rise between them', () => {
    expect(mergeClose([{ start: 0, end: 1 }, { start: 1.3, end: 2 }, { start: 5, end: 6 }], 0.6)).toEqual([
      { start: 0, end: 2 },
      { start: 5, end: 6 },
    ]);
  });
});

describe('placing the bed', () => {
  it('under the opening: from its lead-in to the tail after the headline, ducked under every word it meets', () => {
    const placement = placeBed(bed, layout, sentences, chapters);
    expect(placement.start).toBe(0);
    expect(placement.samples).toBe(Math.round((2 + 6 + 2.5) * rate));
    // In bed time (the narration starts 2 s in): the opening, then the story's first words in the fade.
    expect(placement.ducked).toEqual([
      { start: 2, end: 8 },
      { start: 10, end: 22 },
    ]);
  });

  it('under the whole episode, staying down between sections when asked', () => {
    const placement = placeBed({ ...bed, span: 'episode', returnBetweenSections: false }, layout, sentences, chapters);
    expect(placement.ducked).toEqual([{ start: 2, end: 32 }]);
    expect(placement.samples).toBe(Math.round((2 + 30 + 2.5) * rate));
  });

  it('becomes a volume expression with one ramp per ducked span and both fades', () => {
    const placement = placeBed(bed, layout, sentences, chapters);
    const filter = bedEnvelopeFilter(bed, placement, -24, rate);
    expect(filter).toMatch(/^asetnsamples=n=441,volume=eval=frame:volume='pow\(10,\(-24\.0000-18\.0000\*\(clip/);
    expect(filter.match(/clip\(min/g)).toHaveLength(2);
    expect(filter).toContain('*clip(t/0.5000,0,1)');
    expect(filter).toContain('*clip((10.5000-t)/2.0000,0,1)');
  });
});
