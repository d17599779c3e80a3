// How a page states an episode's date and length.
import type { FeedManifest } from '../manifest-schema.js';

/** "21 November 2023" in the show's language, from the article's date or else when it was made; undefined when neither parses. */
export function publishedOn(manifest: FeedManifest, language: string): { iso: string; text: string } | undefined {
  const day = manifest.date && /^\d{4}-\d{2}-\d{2}$/.test(manifest.date) ? manifest.date : manifest.generatedAt.slice(0, 10);
  const time = Date.parse(`${day}T12:00:00Z`);
  if (!Number.isFinite(time)) return undefined;
  return { iso: day, text: new Intl.DateTimeFormat(dateLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(time) };
}

/** The language if Intl knows it, else English: a tag of the right shape may still be one Intl refuses (RangeError). */
function dateLocale(language: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0 ? language : 'en';
  } catch (error) {
    if (error instanceof RangeError) return 'en';
    throw error;
  }
}

/** "2 min 52 s". */
export function lengthLabel(seconds: number): string {
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  return minutes > 0 ? `${minutes} min ${whole % 60} s` : `${whole} s`;
}
