// Self-checking cache entries: each file carries a magic word and a sha-256 of its body, so a
// truncated or damaged entry is noticed, removed and redone instead of used. Writes are atomic
// (temporary name, then rename), so readers never see half an entry and concurrent writers of
// one key each rename a whole, identical file.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeAtomically } from './files.js';

const hashBytes = 32;

export class CacheStore {
  /**
   * @param folder the cache's folder; entries go in `folder/kind/xx/key.extension`.
   * @param kind names the entry layout, versioned ("segments-v1"): bump it when the layout changes
   *   and old entries simply stop being found.
   * @param magic eight ASCII bytes at the start of every entry.
   * @param extension of the entry files, e.g. ".pcm".
   */
  constructor(
    readonly folder: string,
    private readonly kind: string,
    private readonly magic: string,
    private readonly extension = '',
  ) {}

  /** The entry name for a key made of parts, each length-delimited by JSON (so "a","bc" ≠ "ab","c"). */
  static keyOf(...parts: (string | number | Uint8Array)[]): string {
    const hash = createHash('sha256');
    for (const part of parts) {
      if (part instanceof Uint8Array) hash.update(`bytes:${part.byteLength}:`).update(part);
      else hash.update(`${JSON.stringify(part)}:`);
    }
    return hash.digest('hex');
  }

  pathOf(key: string): string {
    // Two-letter fan-out keeps folders small on file systems that slow down with many entries.
    return join(this.folder, this.kind, key.slice(0, 2), `${key}${this.extension}`);
  }

  /** The entry's body, or undefined when there is none or it fails its check (then it is removed). */
  async read(key: string): Promise<Buffer | undefined> {
    const path = this.pathOf(key);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      return undefined;
    }
    const header = this.magic.length + hashBytes;
    const body = bytes.subarray(header);
    const intact =
      bytes.length >= header &&
      bytes.toString('ascii', 0, this.magic.length) === this.magic &&
      createHash('sha256').update(body).digest().equals(bytes.subarray(this.magic.length, header));
    if (!intact) {
      await rm(path, { force: true });
      return undefined;
    }
    return body;
  }

  /** Stores a body. A cache that cannot be written (read-only or full disk) never fails the caller. */
  async write(key: string, body: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    try {
      await mkdir(dirname(path), { recursive: true });
      const checksum = createHash('sha256').update(body).digest();
      await writeAtomically(path, (temporaryPath) => writeFile(temporaryPath, Buffer.concat([Buffer.from(this.magic, 'ascii'), checksum, body])));
    } catch {
      // Best effort: the caller already has what it stored.
    }
  }
}
