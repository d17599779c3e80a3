import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NewscastError } from '../../src/errors.js';
import { maxNestingDepth, maxRunCharacters, parseSsml } from '../../src/tts/ssml/parse.js';

const speak = (body: string): string =>
  `<?xml version="1.0"?>\n<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-US">\n${body}\n</speak>`;

function errorOf(ssml: string): NewscastError {
  try {
    parseSsml(ssml, 'story.ssml');
  } catch (error) {
    if (error instanceof NewscastError) return error;
    throw error;
  }
  throw new Error('expected the script to be rejected');
}

describe('parseSsml', () => {
  test('turns sentences, marks, breaks and subs into an ordered timeline', () => {
    const timeline = parseSsml(
      speak('<mark name="chapter:One"/><p><s><mark name="s1"/>The <sub alias="U S">US</sub> said so.</s></p><break time="500ms"/>'),
    );
    expect(timeline).toEqual([
      { kind: 'mark', name: 'chapter:One' },
      { kind: 'mark', name: 's1' },
      { kind: 'speech', spoken: 'The U S said so.', written: 'The US said so.', voice: undefined, rate: 1 },
      { kind: 'pause', seconds: 0.4, implicit: true },
      { kind: 'pause', seconds: 0.85, implicit: true },
      { kind: 'pause', seconds: 0.5, implicit: false },
    ]);
  });

  test('prosody rates multiply, voices switch, and both end with their element', () => {
    const timeline = parseSsml(
      speak('<prosody rate="80%">Slow <prosody rate="+50%">faster</prosody></prosody> <voice name="slt">Quote.</voice> Back.'),
    );
    const runs = timeline.filter((item) => item.kind === 'speech');
    expect(runs).toEqual([
      { kind: 'speech', spoken: 'Slow', written: 'Slow', voice: undefined, rate: 0.8 },
      { kind: 'speech', spoken: 'faster', written: 'faster', voice: undefined, rate: expect.closeTo(1.2, 10) },
      { kind: 'speech', spoken: 'Quote.', written: 'Quote.', voice: 'slt', rate: 1 },
      { kind: 'speech', spoken: 'Back.', written: 'Back.', voice: undefined, rate: 1 },
    ]);
  });

  test('escaped markup is spoken as text, metadata is not spoken', () => {
    const timeline = parseSsml(speak('<meta name="newscast:title" content="T"/>Fish &amp; chips &lt;b&gt; ]]&gt;'));
    expect(timeline).toEqual([{ kind: 'speech', spoken: 'Fish & chips <b> ]]>', written: 'Fish & chips <b> ]]>', voice: undefined, rate: 1 }]);
  });

  test.each([
    ['not well-formed', speak('<s>open'), /story\.ssml:\d+:\d+: /],
    ['an unknown element', speak('<blink>hi</blink>'), /story\.ssml:3:\d+: <blink> is not an SSML element/],
    ['an hour-long break', speak('<break time="9999s"/>'), /story\.ssml:3:\d+: break time "9999s" is longer than 10s/],
    ['a nonsense break', speak('<break time="soon"/>'), /break time "soon" is not a duration/],
    ['an audio file', speak('<audio src="/etc/passwd"/>'), /<audio> is not supported/],
    ['a rate out of range', speak('<prosody rate="900%">x</prosody>'), /prosody rate "900%" must be between/],
    ['a foreign root', '<html>hi</html>', /story\.ssml is not an SSML script: a script starts with <speak>/],
    ['plain text', 'hello', /story\.ssml is not an SSML script/],
    ['text after </speak>', `${speak('Hi.')}\nmore words`, /story\.ssml:5:\d+: text after <\/speak>/],
    ['an empty file', '', /empty/],
    ['a sub without alias', speak('<sub>US</sub>'), /<sub> needs an alias/],
  ])('rejects %s, saying where', (_name, ssml, message) => {
    const error = errorOf(ssml);
    expect(error.kind).toBe('input');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });

  test('nested <prosody> rates stay within 50% and 200%', () => {
    const nest = (rate: string) => `${`<prosody rate="${rate}">`.repeat(12)}word${'</prosody>'.repeat(12)}`;
    const rates = [nest('50%'), nest('200%')].map((body) => parseSsml(speak(body)).find((item) => item.kind === 'speech'));
    expect(rates.map((run) => run?.kind === 'speech' && run.rate)).toEqual([0.5, 2]);
  });

  test('a script whose elements nest deeper than the limit is refused at the element that goes too deep', () => {
    // <speak> and 31 <prosody> make 32 levels; the <emphasis> inside them is one too many.
    const body = `${'<prosody>'.repeat(maxNestingDepth - 1)}\n<emphasis>word</emphasis>${'</prosody>'.repeat(maxNestingDepth - 1)}`;
    expect(errorOf(speak(body)).message).toMatch(new RegExp(`^story\\.ssml:4:\\d+: elements are nested more than ${maxNestingDepth} deep`));
    expect(() => parseSsml(speak(`${'<prosody>'.repeat(maxNestingDepth - 1)}word${'</prosody>'.repeat(maxNestingDepth - 1)}`))).not.toThrow();
  });

  test('a script may open with a comment or a doctype naming speak', () => {
    const withProlog = `\uFEFF<?xml version="1.0"?>\n<!-- edited -->\n<!DOCTYPE speak>\n<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis">Hi.</speak>`;
    expect(parseSsml(withProlog).filter((item) => item.kind === 'speech')).toHaveLength(1);
  });

  test('an overlong sentence is spoken in runs cut at clauses, each after the first opening a cue of its own', () => {
    const clauses = Array.from({ length: 400 }, (_, i) => `road number ${i} from the school to the <sub alias="harbor">harbour</sub>`);
    const timeline = parseSsml(speak(`<p><s><mark name="s1"/>${clauses.join(', ')}.</s></p><p><s><mark name="s2"/>Short one.</s></p>`));
    const runs = timeline.filter((item) => item.kind === 'speech');
    expect(runs.length).toBeGreaterThan(30);
    // A run ends the word or <sub> alias that crosses the limit, so it may pass it by that much.
    for (const run of runs) expect(run.spoken.length).toBeLessThanOrEqual(maxRunCharacters + 20);
    expect(runs.slice(0, -2).every((run) => run.written.endsWith(','))).toBe(true);
    expect(runs.map((run) => Boolean(run.newCue))).toEqual([false, ...Array(runs.length - 2).fill(true), false]);
    // Nothing lost or doubled, and the words under <sub> are still said as their alias.
    expect(runs.slice(0, -1).map((run) => run.written).join(' ')).toBe(`${clauses.join(', ').replace(/<sub alias="harbor">harbour<\/sub>/g, 'harbour')}.`);
    expect(runs[0]!.spoken).toContain('to the harbor,');
    // A comma's pause where the sentence was cut.
    expect(timeline[timeline.indexOf(runs[0]!) + 1]).toEqual({ kind: 'pause', seconds: 0.2, implicit: true });
  });

  test('however a long sentence is cut, every word is spoken once, in order, in runs near the limit', () => {
    const word = fc.constantFrom('road', 'harbour', 'a', 'supercalifragilistic', ',', ';', '—', 'x'.repeat(700));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 400 }), (words) => {
        const text = words.join(' ');
        const runs = parseSsml(speak(`<s>${text}</s>`)).filter((item) => item.kind === 'speech');
        // (A word longer than a whole run is cut inside, so compare without the spaces.)
        expect(runs.map((run) => run.spoken).join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
        for (const run of runs) expect(run.spoken.length).toBeLessThanOrEqual(maxRunCharacters + 'supercalifragilistic'.length + 1);
      }),
      { numRuns: 200 },
    );
  });
});
