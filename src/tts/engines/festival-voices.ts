import type { Voice } from '../engine.js';
import { runProgram } from './program.js';

export const festivalInstall = 'apt-get install festival festvox-us-slt-hts';

/** Voice names become part of a Scheme expression (`(voice_NAME)`), so only plain names are kept. */
const plainName = /^[A-Za-z0-9_]+$/;

/** The voices Festival finds in its voice path; this starts Festival once (~1 s). */
export async function listFestivalVoiceNames(): Promise<string[]> {
  const { stdout } = await runProgram('festival', ['-b', '(print (voice.list))'], { install: festivalInstall });
  return parseVoiceList(stdout.toString('latin1'));
}

/** `(cmu_us_slt_arctic_hts kal_diphone)` → the names. */
export function parseVoiceList(printed: string): string[] {
  const inside = /\(([^()]*)\)/.exec(printed)?.[1] ?? '';
  return inside.split(/\s+/).filter((name) => plainName.test(name));
}

/**
 * Loads each voice and speaks one word with it, because Festival knows a voice's sample rate only
 * from the audio it makes (HTS voices run at 32 kHz, diphone voices at 16 kHz). A voice that fails
 * to load is reported as broken instead of stopping the listing.
 */
const describeVoices = `(mapcar
  (lambda (name)
    (unwind-protect
      (begin
        (eval (list (intern (string-append "voice_" name))))
        (format t "voice\\t%s\\t%s\\t%s\\t%d\\n" name
          (cadr (assoc 'language (cadr (voice.description name))))
          (cadr (assoc 'dialect (cadr (voice.description name))))
          (cadr (assoc 'sample_rate (wave.info (utt.wave (SynthText "a")))))))
      (format t "broken\\t%s\\n" name)))
  (voice.list))`;

export async function describeFestivalVoices(): Promise<Voice[]> {
  // Festival evaluates an argument as Scheme only when it starts with "(".
  const { stdout } = await runProgram('festival', ['-b', describeVoices], { install: festivalInstall });
  const voices: Voice[] = [];
  for (const line of stdout.toString('latin1').split('\n')) {
    const [kind, name, language, dialect, sampleRate] = line.split('\t');
    if (kind !== 'voice' || !name || !plainName.test(name)) continue;
    voices.push({ name, language: languageTag(language ?? '', dialect ?? ''), sampleRate: Number(sampleRate) });
  }
  return voices;
}

const languages: Record<string, string> = { english: 'en', spanish: 'es', welsh: 'cy', finnish: 'fi', czech: 'cs', russian: 'ru', italian: 'it' };
const regions: Record<string, string> = { american: 'US', british: 'GB', scottish: 'GB', welsh: 'GB', irish: 'IE' };

/** Festival's `(language english) (dialect american)` → "en-US"; unknown languages are "und". */
function languageTag(language: string, dialect: string): string {
  const base = languages[language];
  if (!base) return 'und';
  const region = regions[dialect];
  return region ? `${base}-${region}` : base;
}
