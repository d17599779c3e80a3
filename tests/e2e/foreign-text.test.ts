// Text in a writing system the chosen voice cannot speak: refused when it is most of the article
// (the episode would be silence), with a voice that can speak it named; a warning when it is a
// small part (a name quoted in its own script).
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from './cli.js';
import { probe } from './audio-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'newscast-foreign-text-'));
const engines = JSON.parse((await runCli(['voices', '--json'])).stdout) as { engine: string; available: boolean }[];
const espeakInstalled = engines.some(({ engine, available }) => engine === 'espeak-ng' && available);

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// A short local-news story, written for these tests, in Arabic and in Chinese.
const arabic = write(
  'arabic.txt',
  'مجلس المدينة يوافق على جدول جديد للعبارات\n\n' +
    'صوّت مجلس بلدية ميلبروك يوم الاثنين على إضافة رحلتين مسائيتين للعبارة إلى جزيرة سكيرين ابتداءً من الربيع المقبل.\n\n' +
    'وقالت عضوة المجلس إن الرحلات الإضافية ستكلف نحو مئتين وأربعين ألف دولار في السنة.\n',
);
const chinese = write(
  'chinese.txt',
  '港口小镇批准新的渡轮时刻表\n\n' +
    '米尔布鲁克镇议会周一投票决定，从明年春天起增加两班前往斯凯林岛的晚间渡轮。\n\n' +
    '一位议员说，额外的航班每年大约花费二十四万美元。居民们对这个决定表示欢迎。\n',
);
const englishWithArabicName = write(
  'english.txt',
  'Harbour town approves new ferry timetable\n\n' +
    'The Millbrook town council voted on Monday to add two evening ferry crossings to the island of Skerrin, ' +
    'after a petition started by the baker Samir Haddad (سمير حداد) gathered more than 1,400 names.\n\n' +
    'The new sailings start next spring and will cost about $240,000 a year.\n',
);

const generate = (article: string, out: string, ...options: string[]) =>
  runCli(['generate', article, '-o', out, '--template', 'minimal', '--no-cache', '-q', ...options]);

describe('text the voice cannot speak', () => {
  test('an Arabic article with an English voice is refused (exit 2), naming a voice that speaks Arabic, and nothing is written', async () => {
    const out = join(dir, 'out-arabic');
    const { code, stderr } = await generate(arabic, out, '--engine', 'flite-wasm');
    expect(code).toBe(2);
    expect(stderr).toMatch(/newscast: error: arabic\.txt: \d+% of the text is in Arabic script, which voice kal16 of flite-wasm \(en-US\) cannot speak/);
    if (espeakInstalled) expect(stderr).toContain('--engine espeak-ng --voice ar');
    else expect(stderr).toContain('No voice installed here speaks Arabic script');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 120_000);

  test('a Chinese article is refused the same way, naming a voice for Chinese characters', async () => {
    const { code, stderr } = await generate(chinese, join(dir, 'out-chinese'), '--engine', 'flite-wasm');
    expect(code).toBe(2);
    expect(stderr).toMatch(/chinese\.txt: \d+% of the text is in Han \(Chinese characters\) script/);
    if (espeakInstalled) expect(stderr).toMatch(/--engine espeak-ng --voice (cmn|yue)/);
  }, 120_000);

  test('an English story quoting a name in Arabic script is voiced, with a warning about those letters', async () => {
    const out = join(dir, 'out-english');
    const { code, stderr } = await runCli(['generate', englishWithArabicName, '-o', out, '--template', 'minimal', '--no-cache', '--engine', 'flite-wasm']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/newscast: warning: english\.txt: \d+ letters \(\d+% of the text\) are in Arabic script, which voice kal16 of flite-wasm \(en-US\) cannot speak/);
    expect(episodeFolders(out)).toHaveLength(1);
  }, 120_000);

  test.runIf(espeakInstalled)('the voice the message names does speak the Arabic article', async () => {
    const out = join(dir, 'out-arabic-espeak');
    const { code, stderr } = await generate(arabic, out, '--engine', 'espeak-ng', '--voice', 'ar');
    expect(code, stderr).toBe(0);
    const [slug] = episodeFolders(out);
    const durationSeconds = Number((await probe(join(out, slug!, 'episode.mp3'))).format.duration);
    // Two sentences and a headline of Arabic take well over five seconds to say.
    expect(durationSeconds).toBeGreaterThan(5);
  }, 120_000);
});

/** The episode folders in OUT (beside them: the show's site, index.html and the player script). */
function episodeFolders(out: string): string[] {
  return readdirSync(out).filter((name) => statSync(join(out, name)).isDirectory());
}
