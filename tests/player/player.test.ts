// The episode page and the embedded widget in a real Chromium, against `newscast serve`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, noBrowser, playerReady, type Browser } from './browser.js';
import { serveGeneratedSite, type ServedSite } from './served-site.js';

/** The player's audio element and what it shows, read in the page. */
async function state(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('newscast-player')!.shadowRoot!;
    const audio = root.querySelector('audio')!;
    const cues = [...root.querySelectorAll('.cue')];
    const current = root.querySelector('.cue[aria-current]');
    return {
      time: audio.currentTime,
      paused: audio.paused,
      rate: audio.playbackRate,
      cueIndex: current ? cues.indexOf(current) : -1,
      chapter: root.querySelector('.chapter[aria-current]')?.firstElementChild?.textContent ?? null,
      status: root.querySelector('.status')!.textContent,
      valueText: root.querySelector('.position')!.getAttribute('aria-valuetext'),
    };
  });
}

/** The element that has the focus, looking inside shadow roots: its control name and whether its focus is drawn. */
async function focused(page: Page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return { name: '', outlined: false };
    const style = getComputedStyle(element);
    const inPlayer = element.getRootNode() !== document;
    const name = inPlayer ? (element.classList.contains('toggle') ? element.textContent!.trim() : element.className) : `page:${element.textContent!.trim()}`;
    return { name, outlined: style.outlineStyle === 'solid' && Number.parseFloat(style.outlineWidth) >= 2 };
  });
}

const audioTime = (page: Page): Promise<number> => page.evaluate(() => document.querySelector('newscast-player')!.shadowRoot!.querySelector('audio')!.currentTime);

/** Waits for a seek to finish (currentTime is set at once; "seeked" follows). */
const settled = (page: Page): Promise<unknown> => page.waitForFunction(() => !document.querySelector('newscast-player')!.shadowRoot!.querySelector('audio')!.seeking);

describe.skipIf(noBrowser)('the player on the episode page', () => {
  let site: ServedSite;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    site = await serveGeneratedSite();
    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** The episode page, with no position remembered from an earlier test. */
  async function openEpisode(): Promise<void> {
    // Forgotten from the show page (same origin, no player): an episode page would save its position again as it unloads.
    await page.goto(site.url);
    await page.evaluate(() => localStorage.clear());
    await page.goto(site.episodeUrl);
    await playerReady(page);
  }

  it('plays when Play is pressed, and not before', async () => {
    await openEpisode();
    await page.waitForTimeout(300);
    expect((await state(page)).paused).toBe(true);
    await page.locator('newscast-player button.play').click();
    await page.waitForFunction(() => document.querySelector('newscast-player')!.shadowRoot!.querySelector('audio')!.currentTime > 1);
    const playing = await state(page);
    expect(playing.paused).toBe(false);
    expect(playing.status).toBe('Playing');
    // The lock screen's controls, the captions track and the download link.
    const session = await page.evaluate(() => {
      const { metadata } = navigator.mediaSession;
      const root = document.querySelector('newscast-player')!.shadowRoot!;
      const track = root.querySelector('track')!;
      return { title: metadata?.title, artist: metadata?.artist, artwork: metadata?.artwork.map((art) => art.src), track: [track.kind, track.src], download: root.querySelector('a.download')!.getAttribute('href') };
    });
    const file = (name: string) => `${site.url}${site.slug}/${name}`;
    expect(session).toEqual({
      title: `${site.manifest.title}: ${site.manifest.chapters[0]!.title}`,
      artist: site.manifest.show,
      artwork: [file('cover.jpg')],
      track: ['captions', file('transcript.vtt')],
      download: file('episode.mp3'),
    });
    await page.locator('newscast-player button.play').click();
    expect((await state(page)).paused).toBe(true);
  });
  it('lands a chapter click within 0.1 s of the chapter, and marks it current', async () => {
    await openEpisode();
    await page.locator('newscast-player button.toggle', { hasText: 'Chapters' }).click();
    for (const index of [2, 1]) {
      const chapter = site.manifest.chapters[index]!;
      await page.locator('newscast-player .chapter').nth(index).click();
      await settled(page);
      const now = await state(page);
      expect(Math.abs(now.time - chapter.start)).toBeLessThanOrEqual(0.1);
      expect(now.chapter).toBe(chapter.title);
    }
  });

  it("highlights the sentence whose cue contains the audio's time, while playing and after seeks", async () => {
    await openEpisode();
    const check = async () => {
      const now = await state(page);
      const containing = site.cues.findIndex((cue) => cue.start <= now.time && now.time < cue.end);
      // Between two sentences the one just spoken stays lit.
      const expected = containing >= 0 ? containing : site.cues.findLastIndex((cue) => cue.start <= now.time);
      expect({ time: now.time, cue: now.cueIndex }).toEqual({ time: now.time, cue: expected });
    };
    await page.locator('newscast-player button.play').click();
    await page.waitForFunction(() => document.querySelector('newscast-player')!.shadowRoot!.querySelector('audio')!.currentTime > 5);
    await page.locator('newscast-player button.play').click();
    await check();
    for (const cue of [site.cues[3]!, site.cues[10]!, site.cues.at(-2)!]) {
      await page.evaluate((time) => (document.querySelector('newscast-player')!.currentTime = time), (cue.start + cue.end) / 2);
      await settled(page);
      await check();
    }
  });

  it('highlights the sentence that begins at the audio\'s time: after every chapter click and a seek to every cue\'s start', async () => {
    await openEpisode();
    await page.locator('newscast-player button.toggle', { hasText: 'Chapters' }).click();
    // The manifest's chapter starts are not rounded; the VTT's cue starts are, to the millisecond.
    const beginning = (time: number) => site.cues.findLastIndex((cue) => cue.start <= time + 0.0015);
    // The case that matters: a cue whose rounded start is just after its chapter's (163.7616 -> 163.762).
    expect(site.manifest.chapters.some((chapter) => site.cues.some((cue) => cue.start > chapter.start && cue.start - chapter.start < 0.0015))).toBe(true);
    for (const [index, chapter] of site.manifest.chapters.entries()) {
      await page.locator('newscast-player .chapter').nth(index).click();
      await settled(page);
      const expected = beginning(chapter.start);
      // Every chapter but the opening music begins with a sentence.
      if (index > 0) expect(Math.abs(site.cues[expected]!.start - chapter.start)).toBeLessThan(0.0015);
      expect({ chapter: chapter.title, cue: (await state(page)).cueIndex }).toEqual({ chapter: chapter.title, cue: expected });
    }
    for (const [index, cue] of site.cues.entries()) {
      await page.evaluate((time) => (document.querySelector('newscast-player')!.currentTime = time), cue.start);
      await settled(page);
      expect({ start: cue.start, cue: (await state(page)).cueIndex }).toEqual({ start: cue.start, cue: index });
    }
  });

  it('applies a speed chosen in the speed menu, and says so', async () => {
    await openEpisode();
    await page.locator('newscast-player select.speed').selectOption('1.5');
    const now = await state(page);
    expect(now.rate).toBe(1.5);
    expect(now.status).toBe('Speed 1.5 times');
  });

  it('shows Mute on the volume slider at once, so a key pressed on it straight after acts on what it shows', async () => {
    await openEpisode();
    // volumechange comes a task later, and the browser may deliver a key before it.
    const shown = await page.evaluate(() => {
      const root = document.querySelector('newscast-player')!.shadowRoot!;
      const mute = root.querySelector<HTMLButtonElement>('.mute')!;
      const volume = root.querySelector<HTMLInputElement>('.volume')!;
      const read = () => ({ value: volume.value, text: volume.getAttribute('aria-valuetext'), pressed: mute.getAttribute('aria-pressed') });
      mute.click();
      const muted = read();
      mute.click();
      return { muted, unmuted: read() };
    });
    expect(shown).toEqual({ muted: { value: '0', text: 'muted', pressed: 'true' }, unmuted: { value: '100', text: '100%', pressed: 'false' } });
  });

  it('gives the seek slider its time in words', async () => {
    await openEpisode();
    await page.evaluate(() => (document.querySelector('newscast-player')!.currentTime = 65.4));
    await settled(page);
    const total = Math.floor(site.manifest.durationSeconds);
    expect((await state(page)).valueText).toBe(`1 minute 5 seconds of ${Math.floor(total / 60)} minutes ${total % 60} seconds`);
  });

  it('keeps the focused seek slider quiet while playing: its words change on a key, on pause, not every second', async () => {
    await openEpisode();
    const slider = page.locator('newscast-player .position');
    await slider.focus();
    // Every aria-valuetext the slider takes, as a screen reader following the focused slider would hear it.
    await page.evaluate(() => {
      const position = document.querySelector('newscast-player')!.shadowRoot!.querySelector('.position')!;
      const said: string[] = ((window as unknown as { said: string[] }).said = []);
      new MutationObserver(() => said.push(position.getAttribute('aria-valuetext')!)).observe(position, { attributeFilter: ['aria-valuetext'] });
    });
    const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said.splice(0));
    await page.evaluate(() => document.querySelector('newscast-player')!.play());
    await page.waitForFunction(() => document.querySelector('newscast-player')!.currentTime > 3.2);
    expect(await said()).toEqual([]);
    await slider.press('ArrowRight');
    await settled(page);
    expect((await said()).length).toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    expect(await said()).toEqual([]);
    await page.evaluate(() => document.querySelector('newscast-player')!.pause());
    await page.waitForFunction(() => (window as unknown as { said: string[] }).said.length > 0);
    const seconds = Math.floor(await audioTime(page));
    expect((await state(page)).valueText).toMatch(new RegExp(`^${seconds} seconds of `));
  });

  it('is reached and operated by keyboard alone, in order, with visible focus', async () => {
    await openEpisode();
    const order: string[] = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (!now.name.startsWith('page:')) expect(now, `focus on ${now.name} is visible`).toEqual({ name: now.name, outlined: true });
      order.push(now.name);
    }
    const inPlayer = order.filter((name) => !name.startsWith('page:'));
    expect(inPlayer).toEqual(['play', 'back', 'forward', 'position', 'speed', 'mute', 'volume', 'button download', 'Chapters', 'Transcript']);
    expect(order[0]).toBe('page:Newscast');

    // Back to Play with Shift-Tab, then play and pause with Space and Enter.
    while ((await focused(page)).name !== 'play') await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !document.querySelector('newscast-player')!.paused);
    await page.keyboard.press('Enter');
    expect((await state(page)).paused).toBe(true);

    // Forward 30 s, back 15 s.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const before = await audioTime(page);
    await page.keyboard.press('Enter');
    await settled(page);
    expect(await audioTime(page)).toBeCloseTo(before + 30, 1);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await settled(page);
    expect(await audioTime(page)).toBeCloseTo(before + 15, 1);

    // The slider: arrows by 5 s, Page Up by a minute, Home and End.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('position');
    await page.keyboard.press('ArrowRight');
    await settled(page);
    expect(await audioTime(page)).toBeCloseTo(before + 20, 1);
    await page.keyboard.press('PageUp');
    await settled(page);
    expect(await audioTime(page)).toBeCloseTo(before + 80, 1);
    await page.keyboard.press('Home');
    await settled(page);
    expect(await audioTime(page)).toBe(0);
    await page.keyboard.press('End');
    await settled(page);
    expect(await audioTime(page)).toBeGreaterThan(site.manifest.durationSeconds - 0.5);
    await page.keyboard.press('Home');

    // Speed with the arrow key, mute with Space, volume with arrows.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect((await state(page)).rate).toBe(1.25);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => document.querySelector('newscast-player')!.shadowRoot!.querySelector('audio')!.muted)).toBe(true);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('volume');
    await page.keyboard.press('ArrowLeft');
    // A loaded machine may take over a second to deliver the key and the slider's input event.
    await expect.poll(() => page.evaluate(() => document.querySelector('newscast-player')!.shadowRoot!.querySelector('audio')!.volume), { timeout: 10_000 }).toBeCloseTo(0.95, 5);

    // Chapters: open with Enter, Tab into the list, Enter jumps.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Chapters');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Transcript');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('chapter');
    await page.keyboard.press('Enter');
    await settled(page);
    expect(Math.abs((await audioTime(page)) - site.manifest.chapters[1]!.start)).toBeLessThanOrEqual(0.1);

    // The transcript: one tab stop past Auto-scroll, arrows move among sentences, Enter seeks.
    while ((await focused(page)).name !== 'follow') await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const first = await state(page);
    expect((await focused(page)).name).toBe('cue');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await settled(page);
    expect(Math.abs((await audioTime(page)) - site.cues[first.cueIndex + 1]!.start)).toBeLessThanOrEqual(0.1);
    expect((await focused(page)).outlined).toBe(true);
    await page.keyboard.press('Tab');
    expect((await focused(page)).name.startsWith('page:')).toBe(true);
  });

  it('takes j, k and l as shortcuts only while focus is in the player', async () => {
    await openEpisode();
    await page.locator('newscast-player button.forward').focus();
    await page.keyboard.press('l');
    await settled(page);
    expect(await audioTime(page)).toBeCloseTo(30, 1);
    await page.keyboard.press('j');
    await settled(page);
    expect(await audioTime(page)).toBeCloseTo(15, 1);
    await page.locator('h1').click();
    await page.keyboard.press('l');
    await page.keyboard.press('k');
    expect(await state(page)).toMatchObject({ time: 15, paused: true });
  });

  it('scrolls the transcript with the voice until the reader scrolls it, and again when Auto-scroll is pressed', async () => {
    // Reduced motion: the player jumps instead of gliding, so each scroll is done when the seek is.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openEpisode();
    await page.locator('newscast-player button.toggle', { hasText: 'Transcript' }).click();
    const transcript = page.locator('newscast-player .transcript');
    const scrollTop = () => transcript.evaluate((element) => element.scrollTop);
    const currentVisible = () => transcript.evaluate((element) => {
      const cue = element.querySelector('.cue[aria-current]')!.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      return cue.top >= box.top && cue.bottom <= box.bottom;
    });
    const seekToCue = async (index: number) => {
      await page.evaluate((time) => (document.querySelector('newscast-player')!.currentTime = time), site.cues[index]!.start + 0.05);
      await settled(page);
    };
    await seekToCue(Math.floor(site.cues.length / 2));
    expect(await scrollTop()).toBeGreaterThan(0);
    expect(await currentVisible()).toBe(true);

    await transcript.hover();
    await page.mouse.wheel(0, -2000);
    await expect.poll(() => page.locator('newscast-player .follow').getAttribute('aria-pressed')).toBe('false');
    const readerAt = await scrollTop();
    await seekToCue(site.cues.length - 2);
    expect(await scrollTop()).toBe(readerAt);

    await page.locator('newscast-player .follow').click();
    expect(await page.locator('newscast-player .follow').getAttribute('aria-pressed')).toBe('true');
    expect(await currentVisible()).toBe(true);
    await page.emulateMedia({ reducedMotion: null });
  });

  it('refuses a manifest whose files are not web addresses, saying so', async () => {
    await openEpisode();
    const hostile = `${site.url}hostile/episode.json`;
    await page.route(hostile, (route) => route.fulfill({ json: { title: 'Hostile', files: { audio: 'javascript:alert(1)' } } }));
    const failed = page.evaluate(() => new Promise((resolve) => document.addEventListener('newscast-error', resolve, { once: true })));
    await page.evaluate((url) => (document.querySelector('newscast-player')!.src = url), hostile);
    await failed;
    expect(await page.locator('newscast-player .error').textContent()).toBe('Could not load the episode: javascript: addresses are not played');
    expect(await page.locator('newscast-player a.download').getAttribute('href')).not.toMatch(/^javascript/);
  });

  it('remembers the position across a reload', async () => {
    await openEpisode();
    await page.locator('newscast-player button.play').click();
    await page.evaluate(() => (document.querySelector('newscast-player')!.currentTime = 42));
    await page.waitForFunction(() => document.querySelector('newscast-player')!.currentTime > 43);
    await page.locator('newscast-player button.play').click();
    const left = await audioTime(page);
    await page.reload();
    await playerReady(page);
    await page.waitForFunction(() => document.querySelector('newscast-player')!.currentTime > 0);
    expect(Math.abs((await audioTime(page)) - left)).toBeLessThan(0.2);
    expect((await state(page)).paused).toBe(true);
  });

  it('plays one player at a time, and the one removed while playing lets go of the lock screen', async () => {
    await openEpisode();
    await page.evaluate(() => {
      const second = document.createElement('newscast-player');
      second.id = 'second';
      second.setAttribute('src', 'episode.json?second');
      document.querySelector('main')!.append(second);
    });
    await playerReady(page, '#second');
    const playing = () => page.evaluate(() => [...document.querySelectorAll('newscast-player')].map((player) => !player.paused));
    await page.evaluate(() => document.querySelector('newscast-player')!.play());
    expect(await playing()).toEqual([true, false]);
    await page.evaluate(() => (document.querySelector('#second') as HTMLElement & { play(): Promise<void> }).play());
    await page.waitForFunction(() => document.querySelector('newscast-player')!.paused);
    expect(await playing()).toEqual([false, true]);
    expect(await page.evaluate(() => navigator.mediaSession.metadata?.title)).toBe(`${site.manifest.title}: ${site.manifest.chapters[0]!.title}`);
    await page.evaluate(() => document.querySelector('#second')!.remove());
    expect(await page.evaluate(() => navigator.mediaSession.metadata)).toBeNull();
  });

  it('keeps each episode its own position when src changes while playing', async () => {
    await openEpisode();
    const first = new URL('episode.json', site.episodeUrl).href;
    const second = `${first}?second`;
    const saved = (src: string) => page.evaluate((key) => localStorage.getItem(key), `newscast-player:position:${src}`);
    /** Sets src and waits until the new episode's audio has its length (its position restored, if any). */
    const switchTo = async (src: string) => {
      const ready = page.evaluate(() => new Promise((resolve) => document.querySelector('newscast-player')!.addEventListener('newscast-ready', resolve, { once: true })));
      await page.evaluate((src) => (document.querySelector('newscast-player')!.src = src), src);
      await ready;
      await page.waitForFunction(() => document.querySelector('newscast-player')!.shadowRoot!.querySelector('audio')!.readyState >= 1);
      await settled(page);
    };
    await page.locator('newscast-player button.play').click();
    await page.evaluate(() => (document.querySelector('newscast-player')!.currentTime = 42));
    await page.waitForFunction(() => document.querySelector('newscast-player')!.currentTime > 43);
    await switchTo(second);
    const left = Number(await saved(first));
    expect(left).toBeGreaterThanOrEqual(43);
    expect(await audioTime(page)).toBeLessThan(1);
    expect(Number(await saved(second))).toBeLessThan(1);
    await page.evaluate(() => (document.querySelector('newscast-player')!.currentTime = 20));
    await settled(page);
    await page.waitForTimeout(300);
    await switchTo(first);
    expect(Math.abs((await audioTime(page)) - left)).toBeLessThan(0.2);
    expect(Number(await saved(second))).toBeLessThan(21);
  });
});

describe.skipIf(noBrowser)('the player embedded in a page on another origin', () => {
  let site: ServedSite;
  let browser: Browser;

  beforeAll(async () => {
    site = await serveGeneratedSite();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('loads the episode, its chapters and transcript across origins, and plays', async () => {
    const page = await browser.context.newPage();
    const failures: string[] = [];
    // Every file the player asks for is answered (the browser's own favicon request aside).
    page.on('response', (response) => response.status() >= 400 && !response.url().endsWith('/favicon.ico') && failures.push(`${response.status()} ${response.url()}`));
    await page.goto(site.embedUrl);
    expect(new URL(site.embedUrl).origin).not.toBe(new URL(site.url).origin);
    await playerReady(page);
    expect(await page.locator('newscast-player .chapter').count()).toBe(site.manifest.chapters.length);
    expect(await page.locator('newscast-player .cue').count()).toBe(site.cues.length);
    await page.locator('newscast-player button.play').click();
    await page.waitForFunction(() => document.querySelector('newscast-player')!.currentTime > 1);
    await page.locator('newscast-player button.toggle', { hasText: 'Chapters' }).click();
    await page.locator('newscast-player .chapter').nth(2).click();
    await settled(page);
    expect(Math.abs((await audioTime(page)) - site.manifest.chapters[2]!.start)).toBeLessThanOrEqual(0.5);
    expect(failures).toEqual([]);
  });
});
