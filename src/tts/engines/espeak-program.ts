// The espeak-ng program as both engines that run it use it: the espeak-ng engine speaks with it,
// Piper's voices take their phonemes from it. One version probe, one way to make text safe for it.
import { runProgram } from './program.js';

export const espeakInstall = 'apt-get install espeak-ng';

let version: Promise<string> | undefined;

/** "eSpeak NG text-to-speech: 1.51 …", asked once; a failed probe (not installed) is asked again next time. */
export function espeakNgVersion(): Promise<string> {
  version ??= runProgram('espeak-ng', ['--version'], { install: espeakInstall }).then(
    ({ stdout }) => stdout.toString('utf8').replace(/\s+Data at:.*$/s, '').trim(),
    (error: unknown) => {
      version = undefined;
      throw error;
    },
  );
  return version;
}

/**
 * Text espeak-ng reads as words only. Even without `-m` it takes `[[…]]` as phoneme codes (a
 * Wikipedia "[[citation needed]]" came out as "citati;on") and a control character as the start
 * of an embedded command (\x01 then "200S" sets the speed). Brackets stay single, which it reads
 * as a short pause, as in "[citation needed]"; control characters become spaces.
 */
export function espeakPlainText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, ' ')
    .replace(/\[(?:\s*\[)+/g, '[')
    .replace(/\](?:\s*\])+/g, ']');
}
