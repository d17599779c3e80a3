import { mkdtempSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { scriptOutline } from '../script/script-outline.js';
import { runCli } from './cli.js';

const example = fileURLToPath(new URL('../../examples/us-strikes-iraq.txt', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/articles/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'newscast-script-cli-'));

describe('newscast normalize', () => {
  test('one line out for each line in, empty lines kept', async () => {
    const input = 'The $1.13bn (£600m) deal was signed at 7:30 p.m. on Nov. 21, 2023.\n\nA U.S. AC-130 hit 66 targets near Ain al-Asad.\r\nNo digits here\n';
    const { code, stdout, stderr } = await runCli(['normalize'], { input });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'The one point one three billion dollars (six hundred million pounds) deal was signed at seven thirty p m on November twenty-first, twenty twenty-three.',
      '',
      'A U S A C one thirty hit sixty-six targets near ine al ah sahd.',
      'No digits here',
      '',
    ]);
  });

  test('--lexicon applies a user file (JSON or PLS) over the default one', async () => {
    const json = join(dir, 'names.json');
    writeFileSync(json, JSON.stringify({ 'Al-Sudani': 'ahl soo dah nee', Tallow: 'tal oh' }));
    const pls = join(dir, 'names.pls');
    writeFileSync(pls, '<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa"><lexeme><grapheme>Tallow</grapheme><alias>tal low</alias></lexeme></lexicon>');
    const line = 'Al-Sudani saw the Tallow and Hezbollah.\n';
    expect((await runCli(['normalize', '--lexicon', json], { input: line })).stdout).toBe('ahl soo dah nee saw the tal oh and hez bah lah.\n');
    expect((await runCli(['normalize', '--lexicon', pls], { input: line })).stdout).toBe('al soo dah nee saw the tal low and hez bah lah.\n');
    const missing = await runCli(['normalize', '--lexicon', join(dir, 'nope.json')], { input: line });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read the lexicon/);
  });

  test('the example episode leaves no digit, symbol or abbreviation to the engine', async () => {
    const script = await runCli(['script', example]);
    expect(script.code).toBe(0);
    const sentences = scriptOutline(script.stdout).flatMap((chapter) => chapter.sentences.map((sentence) => sentence.written));
    expect(sentences.length).toBeGreaterThan(15);
    const { code, stdout } = await runCli(['normalize'], { input: sentences.join('\n') + '\n' });
    expect(code).toBe(0);
    const spoken = stdout.split('\n').slice(0, -1);
    expect(spoken).toHaveLength(sentences.length);
    spoken.forEach((line, index) => {
      const context = `${sentences[index]} → ${line}`;
      expect(line, context).not.toMatch(/\d/);
      expect(line, context).toMatch(/^[\p{L}\s.,;:?!'’"“”()\-–—]+$/u); // letters and punctuation only
      expect(line, context).not.toMatch(/\p{L}\.\p{L}/u); // "U.S.", "Rappler.com"
      expect(line, context).not.toMatch(/\b(?:US|AC|Nov|Gen|Dr|St)\b\.?/u); // abbreviations and initialisms left as written
    });
  });
});

describe('newscast script', () => {
  test('reads Markdown and HTML like the plain text, from a file or stdin', async () => {
    const plain = await runCli(['script', example]);
    const markdown = await runCli(['script', fixture('us-strikes-iraq.md')]);
    const html = await runCli(['script', '-'], { input: await import('node:fs/promises').then((fs) => fs.readFile(fixture('us-strikes-iraq.html'), 'utf8')) });
    expect(html.stderr).toBe('');
    expect(scriptOutline(markdown.stdout)).toEqual(scriptOutline(plain.stdout));
    expect(scriptOutline(html.stdout)).toEqual(scriptOutline(plain.stdout));
  });

  test('--quote-voice puts direct quotations in a <voice>, after the sentence mark', async () => {
    const { code, stdout } = await runCli(['script', example, '--quote-voice', 'slt']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/<s><mark name="s\d+"\/><voice name="slt">“The strikes were in direct response/);
    expect(stdout).toContain('groups,”</voice> the statement said.</s>');
  });
});

describe('newscast render refuses hostile SSML', () => {
  const head = '<?xml version="1.0"?>\n<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis">\n<meta name="newscast:title" content="Hostile"/>\n';
  test.each([
    ['not well-formed', `${head}<p><s>Unclosed sentence\n</p>\n</speak>\n`, /:5:\d+: .*close tag/],
    ['an unknown element', `${head}<p><s>Hello <blink>there</blink></s></p>\n</speak>\n`, /:4:\d+: <blink> is not an SSML element newscast knows/],
    ['a break of 9999 s', `${head}<p><s>Wait<break time="9999s"/>for it</s></p>\n</speak>\n`, /:4:\d+: .*break/i],
    ['audio pointing outside the project', `${head}<p><s>Listen <audio src="../../etc/passwd"/></s></p>\n</speak>\n`, /:4:\d+: <audio> is not supported/],
  ])('%s: line and column, exit 2, nothing written', async (name, ssml, message) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.ssml`);
    writeFileSync(path, ssml);
    const out = join(dir, `out-${name.replace(/\W+/g, '-')}`);
    const { code, stderr, stdout } = await runCli(['render', path, '-o', out, '--engine', 'flite-wasm', '-q']);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(new RegExp(`${name.replace(/\W+/g, '-')}\\.ssml:\\d+:\\d+: `));
    expect(stdout).toBe('');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  test('the script is checked before any engine is looked for', async () => {
    const path = join(dir, 'checked-first.ssml');
    writeFileSync(path, `${head}<p><s>Hello <blink>there</blink></s></p>\n</speak>\n`);
    // An unknown engine would be exit 3; the script's own error comes first.
    const { code, stderr } = await runCli(['render', path, '--engine', 'no-such-engine', '-o', join(dir, 'out-checked-first')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/checked-first\.ssml:4:\d+: <blink>/);
  });
});
