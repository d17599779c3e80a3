// How long an episode will be, from its narration's length and the template's clips, without
// assembling it: what fitting a bulletin into `--max-minutes` checks against.
import type { ClipInfo } from './clip-survey.js';
import { mp3Presets, type Mp3PresetName } from './mp3-presets.js';
import type { Template } from './template.js';
import { planTimeline, type TimelineSpacing } from './timeline.js';
import { secondsToSamples } from '../tts/pcm.js';

/** The template's overlaps and gaps around the narration, in samples at `rate`. */
export function templateSpacing(template: Template, rate: number): TimelineSpacing {
  return {
    crossfadeSamples: secondsToSamples(template.intro?.crossfade ?? 0, rate),
    gapAfterIntroSamples: secondsToSamples(template.intro?.gap ?? 0, rate),
    gapBeforeOutroSamples: secondsToSamples(template.outro?.gap ?? 0, rate),
  };
}

/**
 * The planned episode length for a narration of `narrationSeconds` whose last word ends at
 * `speechEndSeconds`, with the intro and outro clips as surveyed at the preset's rate (surveyClips,
 * once: fitting a bulletin asks this every round).
 */
export function plannedEpisodeSeconds(
  template: Template,
  preset: Mp3PresetName,
  clips: { intro?: Pick<ClipInfo, 'samples'>; outro?: Pick<ClipInfo, 'samples'> },
  narrationSeconds: number,
  speechEndSeconds = narrationSeconds,
): number {
  const rate = mp3Presets[preset].sampleRate;
  const layout = planTimeline(
    {
      sampleRate: rate,
      introSamples: clips.intro?.samples ?? 0,
      narrationSamples: narrationSeconds * rate,
      speechEndSamples: speechEndSeconds * rate,
      outroSamples: clips.outro?.samples ?? 0,
    },
    templateSpacing(template, rate),
  );
  return layout.totalSamples / rate;
}
