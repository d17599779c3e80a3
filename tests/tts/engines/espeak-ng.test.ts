import { describe, expect, test } from 'vitest';
import { EspeakNgEngine, parseVoiceTable } from '../../../src/tts/engines/espeak-ng.js';
import { engineContract } from './engine-contract.js';

const engine = new EspeakNgEngine();
const available = await engine.isAvailable();

describe('espeak-ng engine', () => {
  engineContract(engine, available, { sampleRate: 22050, mustList: ['en-us', 'en-gb'] });

  test('keeps espeak-ng voices and leaves out mbrola voices and variants', () => {
    const table = [
      'Pty Language       Age/Gender VoiceName          File                 Other Languages',
      ' 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)',
      ' 5  en-us           --/M      us-mbrola-2        mb/mb-us2            (en 7)',
      ' 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)',
      ' 5  variant         --/M      Storm              !v/Storm             (en-us 5)',
      ' 5  en-gb-scotland  --/M      English_(Scotland) gmw/en-GB-scotland   (en 4)',
      ' 5  en-gb-x-rp      --/M      English_(Received_Pronunciation) gmw/en-GB-x-rp       (en-gb 4)(en 5)',
    ].join('\n');
    expect(parseVoiceTable(table)).toEqual([
      { name: 'en-gb', language: 'en-GB', sampleRate: 22050 },
      { name: 'en-us', language: 'en-US', sampleRate: 22050 },
      { name: 'en-gb-scotland', language: 'en-GB-scotland', sampleRate: 22050 },
      { name: 'en-gb-x-rp', language: 'en-GB-x-rp', sampleRate: 22050 },
    ]);
  });
});
