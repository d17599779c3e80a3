// One enormous sentence (a list that runs on for minutes) is still captioned in short cues, each
// timed from the audio, not one cue as long as the sentence.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { probe, transcriptCues } from './audio-reader.js';
import { runCli } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'newscast-long-sentence-'));

/** A council's resurfacing list as one sentence of about 6,000 characters, clauses separated by commas and semicolons. */
function longSentence(): string {
  const streets = ['Acacia Avenue', 'Birch Road', 'Chapel Lane', 'Dockside Walk', 'Elm Terrace', 'Ferry Street', 'Granary Row', 'Harbour Hill', 'Ivy Close', 'Juniper Way', 'Kiln Yard', 'Lighthouse Road'];
  const stretches = ['from the school gates to the bakery', 'between the church and the old mill', 'along the whole of the sea wall', 'past the allotments and the bowling green', 'up to the junction with the coast road'];
  const clauses: string[] = [];
  for (let i = 0; clauses.join(', ').length < 6000; i++) {
    const street = streets[i % streets.length]!;
    const stretch = stretches[i % stretches.length]!;
    clauses.push(`${street} ${stretch}${i % 4 === 3 ? ';' : ''} with work starting in week ${(i % 40) + 1}`);
  }
  return `The list the council approved on Monday names ${clauses.join(', ')}.`;
}

test('a 6,000-character sentence is captioned in cues of at most about two lines and ten seconds, covering the sentence', async () => {
  const sentence = longSentence();
  const article = join(dir, 'roads.txt');
  writeFileSync(article, `Council approves road repairs\n\n${sentence}\n\nThe work is paid for from this year's budget.\n`);
  const out = join(dir, 'out');
  const { code, stderr } = await runCli(['generate', article, '-o', out, '--engine', 'flite-wasm', '--template', 'minimal', '-q']);
  expect(code, stderr).toBe(0);
  const episode = join(out, readdirSync(out)[0]!);
  const cues = transcriptCues(episode);
  const texts = readFileSync(join(episode, 'transcript.vtt'), 'utf8').split('\n\n').slice(1).map((cue) => cue.split('\n').slice(2).join(' '));
  // About seven minutes of speech; on one cue it was all one caption.
  expect(cues.length).toBeGreaterThan(40);
  for (const [index, cue] of cues.entries()) {
    expect(cue.end - cue.start, `cue ${index + 1}`).toBeLessThanOrEqual(10.5);
    expect(texts[index]!.length, `cue ${index + 1}`).toBeLessThanOrEqual(160);
    if (index > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[index - 1]!.end - 0.001);
  }
  // Every word is still in the transcript, once and in order.
  expect(texts.join(' ').replace(/\s+/g, ' ')).toContain(sentence.replace(/\s+/g, ' '));
  const duration = Number((await probe(join(episode, 'episode.mp3'))).format.duration);
  expect(cues.at(-1)!.end).toBeLessThanOrEqual(duration);
}, 300_000);
