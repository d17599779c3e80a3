// The music bed's gain over time, computed from when the narration speaks (sentence start and end
// times are exact, from the render stage), rather than by a sidechain compressor that would have
// to guess from the signal: the bed sits `duck` dB lower under every word, comes back up in the
// pauses between chapters when the template asks for it, and fades in and out at its ends.
import type { TimedChapter, TimedSentence } from '../tts/narration.js';
import type { TemplateBed } from './template.js';
import { secondsToSamples } from '../tts/pcm.js';
import type { TimelineLayout } from './timeline.js';

export interface Span {
  start: number;
  end: number;
}

export interface BedPlacement {
  /** Sample where the bed starts in the episode. */
  start: number;
  /** Its length in samples. */
  samples: number;
  /** Stretches (seconds from the bed's start) where the bed is fully ducked. */
  ducked: Span[];
}

/**
 * Speech stretches in narration seconds: one per chapter (first word to last word), or, when the
 * bed should not come back between sections, one for all of it.
 */
export function speechSpans(sentences: readonly TimedSentence[], chapters: readonly TimedChapter[], perChapter: boolean): Span[] {
  const spoken = sentences.filter((sentence) => sentence.end > sentence.start);
  if (spoken.length === 0) return [];
  if (!perChapter) return [{ start: spoken[0]!.start, end: Math.max(...spoken.map((sentence) => sentence.end)) }];
  const chapterStarts = chapters.map((chapter) => chapter.start).slice(1);
  const spans: Span[] = [];
  let chapterIndex = -1;
  for (const sentence of spoken) {
    // The chapter a sentence belongs to: the last one starting at or before it (with 1 ms slack).
    const index = chapterStarts.filter((start) => start <= sentence.start + 0.001).length;
    const current = spans.at(-1);
    if (current && index === chapterIndex) current.end = Math.max(current.end, sentence.end);
    else spans.push({ start: sentence.start, end: sentence.end });
    chapterIndex = index;
  }
  return spans;
}

/** Where the bed plays and where it ducks, in the episode's layout. */
export function placeBed(
  bed: TemplateBed,
  layout: TimelineLayout,
  sentences: readonly TimedSentence[],
  chapters: readonly TimedChapter[],
): BedPlacement {
  const rate = layout.sampleRate;
  const offset = layout.narrationStart / rate;
  const all = speechSpans(sentences, chapters, true);
  // The opening is the first chapter: the show's name and the headline.
  const covered = bed.span === 'opening' ? all.slice(0, 1) : all;
  const lastWord = covered.at(-1)?.end ?? 0;
  const start = Math.max(0, layout.narrationStart - secondsToSamples(bed.leadIn, rate));
  const end = Math.min(layout.totalSamples, layout.narrationStart + secondsToSamples(lastWord + bed.tail, rate));
  const startSeconds = start / rate;
  const endSeconds = end / rate;
  // Every word the bed plays under is ducked, including the next chapter's first words that fall
  // into its fade-out.
  const spans = speechSpans(sentences, chapters, bed.returnBetweenSections)
    .map((span) => ({ start: span.start + offset - startSeconds, end: span.end + offset - startSeconds }))
    .filter((span) => span.end > 0 && span.start - bed.attack < endSeconds - startSeconds);
  return { start, samples: Math.max(0, end - start), ducked: mergeClose(spans, bed.attack + bed.release) };
}

/** Joins spans closer than `minGap`: the bed would not have time to come back up between them. */
export function mergeClose(spans: readonly Span[], minGap: number): Span[] {
  const merged: Span[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && span.start - previous.end < minGap) previous.end = Math.max(previous.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * A `volume` filter whose gain follows the envelope, evaluated on 10 ms frames (asetnsamples) so the
 * ramps are smooth: `levelDb` when free, `levelDb - duck` under speech, linear ramps of `attack`
 * before and `release` after each ducked span, and fades at both ends.
 */
export function bedEnvelopeFilter(bed: TemplateBed, placement: BedPlacement, levelDb: number, sampleRate: number): string {
  const length = placement.samples / sampleRate;
  const n = (value: number) => value.toFixed(4);
  // 1 inside a span, 0 outside, linear in between: clip(min(rising, falling), 0, 1).
  const ducking = placement.ducked
    .map((span) => `clip(min((t-${n(span.start - bed.attack)})/${n(bed.attack)},(${n(span.end + bed.release)}-t)/${n(bed.release)}),0,1)`)
    .join('+');
  const gainDb = ducking ? `${n(levelDb)}-${n(bed.duck)}*(${ducking})` : n(levelDb);
  const fadeIn = bed.fadeIn > 0 ? `*clip(t/${n(bed.fadeIn)},0,1)` : '';
  const fadeOut = bed.fadeOut > 0 ? `*clip((${n(length)}-t)/${n(bed.fadeOut)},0,1)` : '';
  return [
    `asetnsamples=n=${Math.round(sampleRate / 100)}`,
    `volume=eval=frame:volume='pow(10,(${gainDb})/20)${fadeIn}${fadeOut}'`,
  ].join(',');
}
