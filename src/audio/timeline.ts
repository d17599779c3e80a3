// The episode's timeline in samples: intro, silence, narration, silence, outro. Positions are
// counted in samples at the episode's rate, so the narration's offset is exact.

export interface TimelineLayout {
  sampleRate: number;
  introSamples: number;
  gapAfterIntroSamples: number;
  narrationSamples: number;
  gapBeforeOutroSamples: number;
  outroSamples: number;
}

/** ffmpeg input order every episode graph relies on. */
export const inputIndex = { intro: 0, narration: 1, outro: 2 } as const;

export function narrationOffsetSeconds(layout: TimelineLayout): number {
  return (layout.introSamples + layout.gapAfterIntroSamples) / layout.sampleRate;
}

export function totalSamples(layout: TimelineLayout): number {
  return (
    layout.introSamples +
    layout.gapAfterIntroSamples +
    layout.narrationSamples +
    layout.gapBeforeOutroSamples +
    layout.outroSamples
  );
}

export function secondsToSamples(seconds: number, sampleRate: number): number {
  return Math.round(seconds * sampleRate);
}

/** Resample to the episode rate and make every part mono float, so concat sees one format. */
export function conformFilter(sampleRate: number): string {
  return `aresample=${sampleRate},aformat=sample_fmts=flt:channel_layouts=mono`;
}

/**
 * Pads with silence and trims to exactly `samples` (apad's pad_dur is missing in the bundled
 * ffmpeg; whole_len counts samples, which is what we want anyway).
 */
function exactLength(samples: number): string {
  return `apad=whole_len=${samples},atrim=end_sample=${samples}`;
}

/** Filters (e.g. gain) applied to each part before it is joined; '' for none. */
export interface PartFilters {
  intro: string;
  narration: string;
  outro: string;
}

/**
 * The filter graph of the whole episode, ending in `[${outputLabel}]`: each part conformed, run
 * through its own filters (level), cut to its exact length (the gaps are padding after intro and
 * narration, added after the gain so they stay digital silence), joined, then `masterFilters`.
 */
export function episodeFilterGraph(
  layout: TimelineLayout,
  parts: PartFilters,
  masterFilters: string,
  outputLabel: string,
): string {
  const conform = conformFilter(layout.sampleRate);
  const chain = (...filters: string[]) => filters.filter(Boolean).join(',');
  const introPart = layout.introSamples + layout.gapAfterIntroSamples;
  const narrationPart = layout.narrationSamples + layout.gapBeforeOutroSamples;
  return [
    `[${inputIndex.intro}:a]${chain(conform, parts.intro, exactLength(introPart))}[intro]`,
    `[${inputIndex.narration}:a]${chain(conform, parts.narration, exactLength(narrationPart))}[narration]`,
    `[${inputIndex.outro}:a]${chain(conform, parts.outro, exactLength(layout.outroSamples))}[outro]`,
    `[intro][narration][outro]concat=n=3:v=0:a=1,${chain(masterFilters)}[${outputLabel}]`,
  ].join(';');
}
