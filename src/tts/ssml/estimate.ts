import { speakingSeconds } from '../../script/duration.js';
import type { TimelineItem } from './timeline.js';

/**
 * About how long the renderer's narration of a timeline lasts, before anything is spoken: speech
 * from its word count, pauses merged and skipped exactly as the renderer does (none before the
 * first word or after the last).
 */
export function estimateTimelineSeconds(timeline: readonly TimelineItem[], rate = 1): number {
  let seconds = 0;
  let implicit = 0;
  let explicit = 0;
  let started = false;
  for (const item of timeline) {
    if (item.kind === 'pause') {
      if (item.implicit) implicit = Math.max(implicit, item.seconds);
      else explicit += item.seconds;
      continue;
    }
    if (started) seconds += implicit + explicit;
    implicit = explicit = 0;
    if (item.kind === 'speech' && item.spoken) {
      seconds += speakingSeconds(item.spoken) / (rate * item.rate);
      started = true;
    }
  }
  return seconds;
}
