// Article text is untrusted: no engine may run any of it as a command, a Scheme expression or an
// option, and none may crash or hang on it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { NewscastError } from '../../../src/errors.js';
import { createEngine, engineNames } from '../../../src/tts/engines/index.js';

/** Files a successful injection would create: relative ones (in whatever cwd the engine had) and absolute ones. */
const trap = mkdtempSync(join(tmpdir(), 'newscast-hostile-'));
const workDir = mkdtempSync(join(tmpdir(), 'newscast-hostile-cwd-'));
const startDir = process.cwd();

/** Deterministic NUL-free garbage: random bytes read as Latin-1, control characters except tab and newline removed. */
function garbage(length: number, seed: number): string {
  let state = seed;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    bytes[i] = state >> 16;
  }
  return bytes.toString('latin1').replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}

const hostileTexts = [
  `") (system "touch pwned") ("`,
  `") (system "touch ${trap}/pwned-scheme") ("`,
  'Quote `touch pwned2` and `touch ' + trap + '/pwned2` here.',
  `Costs $(touch pwned3) and $(touch ${trap}/pwned3).`,
  `end; touch pwned4; touch ${trap}/pwned4`,
  `-o ${trap}/pwned5.wav`,
  '--help',
  '-',
  `--voice=${trap}/pwned6`,
  'Line one\n") (system "touch pwned7")\n(print "\nline three',
  '[[inpt PHON]] [[rate 900]] <speak><break time="100s"/></speak>',
  garbage(400, 7),
  garbage(400, 1234),
];

const pwnedFiles = (folder: string) => (existsSync(folder) ? readdirSync(folder).filter((name) => name.startsWith('pwned')) : []);

afterAll(() => {
  process.chdir(startDir);
  rmSync(trap, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

describe('hostile text', () => {
  test('the payloads are live: a shell given them does create the trap files', () => {
    execFileSync('sh', ['-c', `echo ${hostileTexts[3]!}`], { cwd: workDir });
    expect(pwnedFiles(trap)).toContain('pwned3');
    expect(pwnedFiles(workDir)).toContain('pwned3');
    rmSync(join(trap, 'pwned3'));
    rmSync(join(workDir, 'pwned3'));
  });

  for (const name of engineNames) {
    test(`${name} speaks every hostile text without running any of it`, async () => {
      const engine = createEngine(name);
      if (!(await engine.isAvailable())) {
        // Only say on Linux lands here, piper where no voice was installed (CI installs one and
        // sets NEWSCAST_VOICES_DIR), and kokoro where its model was not (CI does not install it);
        // every other engine is installed where these tests run.
        expect((name === 'say' && process.platform === 'linux') || (name === 'piper' && !process.env['NEWSCAST_VOICES_DIR']) || name === 'kokoro').toBe(true);
        return;
      }
      process.chdir(workDir);
      try {
        for (const text of hostileTexts) {
          const outcome = await engine.speak(text, { voice: engine.defaultVoice, rate: 1 }).catch((error: unknown) => error);
          if (outcome instanceof Error) {
            expect(outcome, `${name} on ${JSON.stringify(text.slice(0, 40))}`).toBeInstanceOf(NewscastError);
          } else {
            expect(outcome.samples).toBeInstanceOf(Int16Array);
            expect(outcome.sampleRate).toBeGreaterThan(0);
          }
        }
      } finally {
        process.chdir(startDir);
      }
      expect(pwnedFiles(trap)).toEqual([]);
      expect(pwnedFiles(workDir)).toEqual([]);
      expect(pwnedFiles(startDir)).toEqual([]);
      expect(pwnedFiles('/tmp')).toEqual([]);
      expect(pwnedFiles(tmpdir())).toEqual([]);
    }, 300_000);
  }
});
