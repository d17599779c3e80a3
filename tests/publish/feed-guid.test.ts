// The channel's podcast:guid names the show for good: it survives a move of domain, comes from
// show.json when given, and is not made up from a local path.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { writeFeed } from '../../src/publish/feed.js';
import { podcastGuid } from '../../src/publish/podcast-guid.js';

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
const guidOf = async (path: string): Promise<string | undefined> => parser.parse(await readFile(path, 'utf8')).rss.channel['podcast:guid'];
const folder = () => mkdtemp(join(tmpdir(), 'newscast-guid-'));

describe('podcast:guid', () => {
  it('is kept when the show moves to another domain', async () => {
    const root = await folder();
    const first = await guidOf(await writeFeed(root, { baseUrl: 'https://old.example.com/pod/' }));
    expect(first).toBe(podcastGuid('https://old.example.com/pod/feed.xml'));
    expect(await guidOf(await writeFeed(root, { baseUrl: 'https://new.example.org/' }))).toBe(first);
  });

  it("is show.json's guid when it gives one", async () => {
    const root = await folder();
    const guid = '917393e3-1b1e-5cef-ace4-edaa54e1f810';
    await writeFile(join(root, 'show.json'), JSON.stringify({ baseUrl: 'https://pod.example.com/', guid }));
    expect(await guidOf(await writeFeed(root))).toBe(guid);
  });

  it('refuses a show.json guid that is not a UUID', async () => {
    const root = await folder();
    await writeFile(join(root, 'show.json'), JSON.stringify({ guid: 'my-show' }));
    await expect(writeFeed(root)).rejects.toThrow(/guid/);
  });

  it('is left out while the folder has only a file: address, and made once it has a web one', async () => {
    const root = await folder();
    expect(await guidOf(await writeFeed(root, { onWarning: () => {} }))).toBeUndefined();
    expect(await guidOf(await writeFeed(root, { baseUrl: 'https://pod.example.com/' }))).toBe(podcastGuid('https://pod.example.com/feed.xml'));
  });
});
