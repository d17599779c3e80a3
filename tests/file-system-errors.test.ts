import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { NewscastError } from '../src/errors.js';
import { ffmpegFileSystemError, fileSystemError, withFileSystemErrors } from '../src/file-system-errors.js';

const errno = (code: string, path?: string) => Object.assign(new Error(`${code}: failed`), { code, ...(path ? { path } : {}) });

describe('file-system errors about the destination', () => {
  test('each code gets its own message, exit 2, and the path it concerns', () => {
    const cases: [string, RegExp][] = [
      ['ENOSPC', /^No space left on the disk that holds \/srv\/pod\.$/],
      ['EDQUOT', /^No space left on the disk that holds \/srv\/pod \(your disk quota is used up\)\.$/],
      ['EACCES', /^Cannot write to \/srv\/pod: permission denied\.$/],
      ['EPERM', /^Cannot write to \/srv\/pod: permission denied\.$/],
      ['EROFS', /^Cannot write to \/srv\/pod: it is on a read-only file system\.$/],
      ['ENOTDIR', /^Cannot write to \/srv\/pod: a file stands where a folder should be\.$/],
      ['EISDIR', /^Cannot write to \/srv\/pod: it is a folder\.$/],
    ];
    for (const [code, message] of cases) {
      const error = fileSystemError(errno(code, '/srv/pod'), undefined, 'output');
      expect(error, code).toBeInstanceOf(NewscastError);
      expect(error!.message).toMatch(message);
      expect(error!.exitCode).toBe(2);
      expect(error!.hint).toContain('-o');
    }
  });

  test('a failed open is not called a write; a program that cannot start is not the destination', () => {
    expect(fileSystemError(Object.assign(errno('EACCES', '/srv/pod/show.json'), { syscall: 'open' }), undefined, 'output')!.message).toBe('Cannot open /srv/pod/show.json: permission denied.');
    expect(fileSystemError(Object.assign(errno('EACCES', '/srv/pod/x'), { syscall: 'mkdir' }), undefined, 'output')!.message).toBe('Cannot write to /srv/pod/x: permission denied.');
    expect(fileSystemError(Object.assign(errno('EACCES', '/usr/bin/festival'), { syscall: 'spawn /usr/bin/festival' }), undefined, 'output')).toBeUndefined();
  });

  test('other errors are left alone', () => {
    expect(fileSystemError(errno('ECONNRESET', '/srv/pod'), undefined, 'output')).toBeUndefined();
    expect(fileSystemError(new TypeError('x is undefined'))).toBeUndefined();
  });

  test('a full temporary folder points at TMPDIR, not at -o', () => {
    expect(fileSystemError(errno('ENOSPC', join(tmpdir(), 'newscast-episode-x', 'narration.wav')))!.hint).toContain('TMPDIR');
  });

  test('a failed write without a path is put on the output folder or the temporary folder', async () => {
    const failure = await withFileSystemErrors('/srv/pod', () => Promise.reject(errno('EACCES'))).catch((error: unknown) => error);
    expect((failure as Error).message).toBe('Cannot write to /srv/pod: permission denied.');
    const full = await withFileSystemErrors(tmpdir(), () => Promise.reject(errno('ENOSPC'))).catch((error: unknown) => error);
    expect(full).toBeInstanceOf(NewscastError);
    expect((full as Error).message).toMatch(/^No space left on the disk that holds /);
  });

  test('an error about a file outside the output and temporary folders is not the destination (a voice, a template)', async () => {
    const voice = Object.assign(errno('EACCES', '/home/me/voices/x.onnx'), { syscall: 'open' });
    expect(fileSystemError(voice)).toBeUndefined();
    const template = Object.assign(errno('EISDIR', '/home/me/templates/mine/template.json'), { syscall: 'read' });
    for (const error of [voice, template]) {
      expect(await withFileSystemErrors('/srv/pod', () => Promise.reject(error)).catch((caught: unknown) => caught)).toBe(error);
    }
    const inOutput = await withFileSystemErrors('/srv/pod', () => Promise.reject(Object.assign(errno('EACCES', '/srv/pod/x/episode.mp3'), { syscall: 'open' }))).catch((caught: unknown) => caught);
    expect((inOutput as Error).message).toBe('Cannot open /srv/pod/x/episode.mp3: permission denied.');
  });

  test('EEXIST is a bug (a folder made twice), not the destination', async () => {
    const exists = Object.assign(errno('EEXIST', '/srv/pod/x'), { syscall: 'mkdir' });
    expect(fileSystemError(exists, '/srv/pod', 'output')).toBeUndefined();
    expect(await withFileSystemErrors('/srv/pod', () => Promise.reject(exists)).catch((caught: unknown) => caught)).toBe(exists);
  });

  test("ffmpeg's own report of a full disk", () => {
    const log = '[mp3 @ 0x5581] Error writing trailer of /srv/pod/x/segment-3.mp3: No space left on device';
    expect(ffmpegFileSystemError(log, '/srv/pod/x/segment-3.mp3', new Error('ffmpeg exited with code 1'))!.message).toBe('No space left on the disk that holds /srv/pod/x.');
    expect(ffmpegFileSystemError('Invalid data found when processing input', '/srv/pod/x.mp3', undefined)).toBeUndefined();
  });
});
