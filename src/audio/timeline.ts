// The episode's planned timeline in samples at the episode's rate: where the intro, narration,
// outro and music bed sit. The intro and the narration's start are whole sample counts; what is
// measured in narration samples (its length, where speech ends) may fall between two.

export interface PartLengths {
  sampleRate: number;
  /** 0 when the template has no intro clip. */
  introSamples: number;
  narrationSamples: number;
  /** Where the last sentence ends inside the narration (trailing silence after it is not waited for). */
  speechEndSamples: number;
  /** 0 when the template has no outro clip. */
  outroSamples: number;
}

export interface TimelineSpacing {
  /** Samples the intro's end overlaps the narration's start. */
  crossfadeSamples: number;
  gapAfterIntroSamples: number;
  gapBeforeOutroSamples: number;
}

export interface TimelineLayout extends PartLengths {
  /** The intro fades out over its last `introFadeSamples` (the overlap with the first words). */
  introFadeSamples: number;
  narrationStart: number;
  outroStart: number;
  totalSamples: number;
}

export function planTimeline(parts: PartLengths, spacing: TimelineSpacing): TimelineLayout {
  const hasIntro = parts.introSamples > 0;
  const introFadeSamples = hasIntro ? Math.min(spacing.crossfadeSamples, parts.introSamples) : 0;
  const narrationStart = hasIntro ? parts.introSamples - introFadeSamples + spacing.gapAfterIntroSamples : 0;
  const speechEnd = narrationStart + Math.min(parts.speechEndSamples, parts.narrationSamples);
  const outroStart = parts.outroSamples > 0 ? speechEnd + spacing.gapBeforeOutroSamples : speechEnd;
  const totalSamples = Math.max(narrationStart + parts.narrationSamples, outroStart + parts.outroSamples);
  return { ...parts, introFadeSamples, narrationStart, outroStart, totalSamples };
}

/** Resample to the episode rate and make every part mono float, so the layers mix sample for sample. */
export function conformFilter(sampleRate: number): string {
  return `aresample=${sampleRate},aformat=sample_fmts=flt:channel_layouts=mono`;
}

/**
 * Pads with silence and trims to exactly `samples` (apad's pad_dur is missing in the bundled
 * ffmpeg; whole_len counts samples, which is what we want anyway).
 */
export function exactLength(samples: number): string {
  return `apad=whole_len=${samples},atrim=end_sample=${samples}`;
}
