import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveTemplate } from '../../src/audio/template.js';
import { NewscastError } from '../../src/errors.js';
import { probe as probeFile } from '../e2e/audio-reader.js';

const defaultDir = resolve(import.meta.dirname, '..', '..', 'audio-templates', 'default');

async function rejection(promise: Promise<unknown>): Promise<NewscastError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NewscastError);
  return error as NewscastError;
}

describe('resolveTemplate', () => {
  it('finds the built-in default template by name', async () => {
    const template = await resolveTemplate('default');
    expect(template).toMatchObject({
      name: 'default',
      dir: defaultDir,
      show: 'Newscast',
      language: 'en',
      preset: 'speech',
      intro: { path: join(defaultDir, 'intro.flac'), crossfade: 0.6, gap: 0 },
      outro: { path: join(defaultDir, 'outro.flac'), gap: 0.8 },
    });
    expect(template.bed).toBeUndefined();
    expect(template.lines.intro).toContain('{title}.');
  });

  it('takes a folder path as is', async () => {
    const template = await resolveTemplate(defaultDir);
    expect(template.dir).toBe(defaultDir);
    expect(template.intro?.path).toBe(join(defaultDir, 'intro.flac'));
  });

  it('rejects an unknown name as a missing dependency (exit 3) and says what exists', async () => {
    const error = await rejection(resolveTemplate('jingle-bells'));
    expect(error.kind).toBe('dependency');
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe('Unknown template "jingle-bells"');
    expect(error.hint).toBe('Use one of: default, minimal, news, or a folder with template.json');
  });

  it('rejects a folder path that does not exist', async () => {
    const error = await rejection(resolveTemplate('./no/such/template'));
    expect(error.kind).toBe('dependency');
    expect(error.message).toContain('Unknown template');
  });

  describe('with a template folder of its own', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'newscast-template-'));
      await copyFile(join(defaultDir, 'intro.flac'), join(dir, 'intro.flac'));
      await copyFile(join(defaultDir, 'outro.flac'), join(dir, 'outro.flac'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });
    const writeJson = (value: unknown) => writeFile(join(dir, 'template.json'), JSON.stringify(value));
    const valid = {
      name: 'mine',
      show: 'My Show',
      intro: { clip: 'intro.flac', crossfade: 1 },
      outro: { clip: 'outro.flac', gap: 0 },
      lines: { intro: ['This is {show}.', '{title}.'], outro: ['Bye from {show}.'] },
    };

    it('resolves it, with defaults for what it leaves out', async () => {
      await writeJson(valid);
      const template = await resolveTemplate(dir);
      expect(template).toMatchObject({ name: 'mine', show: 'My Show', preset: 'speech', language: 'en', intro: { crossfade: 1, gap: 0 }, outro: { gap: 0 } });
      expect(template.cover).toMatchObject({ background: '#1b2a41' });
    });

    it('takes a music bed, with defaults, and a preset', async () => {
      await copyFile(join(defaultDir, 'outro.flac'), join(dir, 'bed.flac'));
      await writeJson({ ...valid, preset: 'stereo', bed: { clip: 'bed.flac', duck: 20 } });
      const template = await resolveTemplate(dir);
      expect(template.preset).toBe('stereo');
      expect(template.bed).toMatchObject({ path: join(dir, 'bed.flac'), duck: 20, level: -8, span: 'opening', returnBetweenSections: true });
    });

    it('works without any clip (speech only)', async () => {
      await writeJson({ show: 'Plain', lines: valid.lines });
      const template = await resolveTemplate(dir);
      expect(template.intro).toBeUndefined();
      expect(template.outro).toBeUndefined();
    });

    it('says when template.json is missing', async () => {
      const error = await rejection(resolveTemplate(dir));
      expect(error.kind).toBe('dependency');
      expect(error.message).toContain('has no template.json');
    });

    it('says when template.json is not JSON', async () => {
      await writeFile(join(dir, 'template.json'), '{ "name": "mine", ');
      const error = await rejection(resolveTemplate(dir));
      expect(error.kind).toBe('dependency');
      expect(error.message).toMatch(/template\.json is not valid JSON/);
    });

    it('names every field that is wrong, and exits 3', async () => {
      await writeJson({
        ...valid,
        show: '',
        preset: 'loud',
        intro: { clip: 'intro.flac', crossfade: -1 },
        bed: { clip: 'intro.flac', duck: 2 },
        cover: { background: 'red' },
        lines: { intro: ['Hello {name}.'], outro: [] },
        extra: true,
      });
      const error = await rejection(resolveTemplate(dir));
      expect(error.kind).toBe('dependency');
      expect(error.exitCode).toBe(3);
      for (const field of ['show:', 'preset:', 'intro.crossfade:', 'bed.duck:', 'cover.background:', 'lines.intro.0:', 'lines.outro:']) {
        expect(error.message).toContain(field);
      }
      expect(error.message).toContain('extra');
      expect(error.message).toContain('{title}');
      expect(error.message).not.toContain('outro.gap');
    });

    it('says which clip is missing', async () => {
      await writeJson({ ...valid, intro: { clip: 'fanfare.flac' } });
      const error = await rejection(resolveTemplate(dir));
      expect(error.message).toContain('intro.clip names "fanfare.flac", which does not exist');
    });

    it("names a missing transition clip, and a transition's unknown field", async () => {
      await writeJson({ ...valid, transition: { clip: 'sting.flac' } });
      expect((await rejection(resolveTemplate(dir))).message).toContain('transition.clip names "sting.flac", which does not exist');
      await writeJson({ ...valid, transition: { clip: 'sting.flac', volume: 3 } });
      expect((await rejection(resolveTemplate(dir))).message).toMatch(/transition: .*volume/);
    });
  });
});

describe("the news template's transition", () => {
  it('is a 1.6 s mono 44.1 kHz FLAC the template names', async () => {
    const news = await resolveTemplate('news');
    expect(news.transition?.path).toBe(join(news.dir, 'transition.flac'));
    const probe = await probeFile(news.transition!.path);
    expect(probe.streams[0]).toMatchObject({ codec_name: 'flac', sample_rate: '44100', channels: 1 });
    expect(Number(probe.format.duration)).toBeCloseTo(1.6, 2);
  });
});

describe('the default template clips', () => {
  it.each([
    ['intro.flac', 3.6],
    ['outro.flac', 3.0],
  ])('%s is a %s s mono 44.1 kHz FLAC', async (clip, seconds) => {
    const probe = await probeFile(join(defaultDir, clip));
    expect(probe.streams[0]).toMatchObject({ codec_name: 'flac', sample_rate: '44100', channels: 1 });
    expect(Number(probe.format.duration)).toBeCloseTo(seconds, 2);
    expect(Number(probe.format.size)).toBeLessThan(150_000);
  });
});
