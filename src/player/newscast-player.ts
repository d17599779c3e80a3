// <newscast-player>: one episode's audio with its chapters and synced transcript, as one custom
// element (shadow DOM, no framework, no global state). Built to the W3C WAI media-player guidance
// and Able Player's example: native controls where they exist (buttons, range inputs, a select),
// every control labelled, states in a polite live region, keys only while focus is inside.
//
//   <script type="module" src="https://example.com/podcast/newscast-player.js"></script>
//   <newscast-player src="https://example.com/podcast/my-story/episode.json"></newscast-player>
//
// Or without a manifest: audio="…mp3" chapters="…chapters.json" transcript="…vtt" episode-title="…".

/** One chapter, in episode seconds. */
export interface PlayerChapter {
  title: string;
  start: number;
}

/** What the player shows, whichever way it was given. */
export interface PlayerEpisode {
  title: string;
  show?: string;
  audio: string;
  transcript?: string;
  cover?: string;
  language?: string;
  duration?: number;
  chapters: PlayerChapter[];
}

const skipBackSeconds = 15;
const skipForwardSeconds = 30;
const sliderStepSeconds = 5;
const sliderPageSeconds = 60;
const speeds = [0.75, 1, 1.25, 1.5, 1.75, 2];
const storagePrefix = 'newscast-player:position:';
/** WebVTT rounds a cue's start to the millisecond; a seek to the unrounded start (a chapter's) must still reach that cue. */
const cueStartTolerance = 0.0015;

const icons = {
  play: '<path d="M8 5v14l11-7z"/>',
  pause: '<path d="M6 5h4v14H6zm8 0h4v14h-4z"/>',
  back: '<path d="M12 5V1L7 6l5 5V7a6 6 0 1 1-6 6H4a8 8 0 1 0 8-8z"/>',
  forward: '<path d="M12 5V1l5 5-5 5V7a6 6 0 1 0 6 6h2a8 8 0 1 1-8-8z"/>',
  check: '<path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z"/>',
  chevron: '<path d="M9 6l6 6-6 6-1.4-1.4 4.6-4.6-4.6-4.6z"/>',
  volume: '<path d="M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z"/>',
  muted: '<path d="M3 9v6h4l5 5V4L7 9zm18.7 6.3-1.4 1.4L17.6 14l-2.7 2.7-1.4-1.4 2.7-2.7-2.7-2.7 1.4-1.4 2.7 2.7 2.7-2.7 1.4 1.4-2.7 2.7z"/>',
};
const svg = (path: string): string => `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${path}</svg>`;

const styles = `
:host { display: block; color-scheme: light dark; max-width: 48rem;
  --np-bg: #fff; --np-fg: #1b1b1b; --np-muted: #4d4d4d; --np-accent: #0a58b0; --np-on-accent: #fff;
  --np-line: #767676; --np-current: #fff0b3; --np-hover: #e8f0fb; }
@media (prefers-color-scheme: dark) { :host {
  --np-bg: #16181c; --np-fg: #f2f2f2; --np-muted: #c4c4c4; --np-accent: #8fc1ff; --np-on-accent: #0b1a2a;
  --np-line: #8f8f8f; --np-current: #5a4800; --np-hover: #24364d; } }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.player { font: 1rem/1.5 system-ui, sans-serif; color: var(--np-fg); background: var(--np-bg);
  border: 1px solid var(--np-line); border-radius: .5rem; padding: .75rem; }
p { margin: 0; }
.head { display: flex; gap: .75rem; align-items: center; margin-bottom: .5rem; }
.cover { width: 4rem; height: 4rem; object-fit: cover; border-radius: .25rem; flex: none; }
.title { font-weight: 700; font-size: 1.125rem; overflow-wrap: anywhere; }
.muted { color: var(--np-muted); overflow-wrap: anywhere; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-top: .5rem; }
.seek { flex: 1 1 12rem; display: flex; align-items: center; gap: .5rem; min-width: 0; }
.seek input { flex: 1; min-width: 6rem; }
.time { font-variant-numeric: tabular-nums; white-space: nowrap; }
button, select, a.button { font: inherit; color: var(--np-fg); background: var(--np-bg); border: 1px solid var(--np-line);
  border-radius: .375rem; min-height: 2.75rem; min-width: 2.75rem; padding: .25rem .625rem; cursor: pointer; }
button, a.button { display: inline-flex; align-items: center; justify-content: center; gap: .25rem; text-decoration: none; }
button:hover, a.button:hover { background: var(--np-hover); }
button.play { background: var(--np-accent); color: var(--np-on-accent); border-color: var(--np-accent); }
svg { width: 1.5rem; height: 1.5rem; fill: currentColor; flex: none; }
[aria-expanded=true] svg { transform: rotate(90deg); }
.follow[aria-pressed=false] svg { visibility: hidden; }
input[type=range] { accent-color: var(--np-accent); min-height: 2.75rem; margin: 0; }
.volume { width: 6rem; }
/* The speaker icon is the slider's visible label: the two never wrap apart. */
.loudness { display: inline-flex; align-items: center; gap: .5rem; }
label { display: inline-flex; align-items: center; gap: .375rem; }
:focus-visible { outline: 3px solid var(--np-accent); outline-offset: 2px; }
.panel { margin-top: .75rem; }
.panel[hidden] { display: none; }
ol { margin: 0; padding: 0; list-style: none; }
.chapter, .cue { display: block; width: 100%; text-align: start; border: 0; border-inline-start: 4px solid transparent;
  border-radius: 0; background: none; padding: .375rem .5rem; min-height: 2.75rem; }
.chapter { display: flex; justify-content: space-between; gap: .5rem; }
.chapter[aria-current], .cue[aria-current] { background: var(--np-current); border-inline-start-color: var(--np-accent); font-weight: 700; }
.cue[aria-current] { font-weight: inherit; }
.transcript { position: relative; max-height: 16rem; overflow-y: auto; border: 1px solid var(--np-line); border-radius: .375rem; }
.cue { min-height: 0; }
.error { color: var(--np-fg); border-inline-start: 4px solid #b00020; padding-inline-start: .5rem; margin-top: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (prefers-reduced-motion: no-preference) { button { transition: background-color .15s; } }
@media (forced-colors: active) {
  .player, button, select, a.button, .transcript { border-color: CanvasText; }
  button.play { forced-color-adjust: auto; }
  .chapter, .cue { border-inline-start-color: Canvas; }
  .chapter[aria-current], .cue[aria-current] { forced-color-adjust: none; background: Highlight; color: HighlightText; border-inline-start-color: HighlightText; }
  :focus-visible { outline-color: Highlight; }
}`;

const markup = `<style>${styles}</style>
<section class="player" aria-label="Audio player">
  <div class="head"><img class="cover" alt="" hidden><div><p class="title">Loading…</p><p class="muted show"></p><p class="muted now"></p></div></div>
  <p class="error" role="alert" hidden></p>
  <div class="row">
    <button type="button" class="play" aria-label="Play" aria-keyshortcuts="k">${svg(icons.play)}</button>
    <button type="button" class="back" aria-label="Back ${skipBackSeconds} seconds" aria-keyshortcuts="j">${svg(icons.back)}<span aria-hidden="true">${skipBackSeconds}</span></button>
    <button type="button" class="forward" aria-label="Forward ${skipForwardSeconds} seconds" aria-keyshortcuts="l">${svg(icons.forward)}<span aria-hidden="true">${skipForwardSeconds}</span></button>
    <div class="seek"><span class="time elapsed" aria-hidden="true">0:00</span><input type="range" class="position" aria-label="Position" min="0" max="0" step="any" value="0"><span class="time total" aria-hidden="true">0:00</span></div>
  </div>
  <div class="row">
    <label>Speed <select class="speed">${speeds.map((speed) => `<option value="${speed}"${speed === 1 ? ' selected' : ''}>${speed}×</option>`).join('')}</select></label>
    <span class="loudness"><button type="button" class="mute" aria-label="Mute" aria-pressed="false">${svg(icons.volume)}</button><input type="range" class="volume" aria-label="Volume" min="0" max="100" step="5" value="100" aria-valuetext="100%"></span>
  </div>
  <div class="row">
    <a class="button download" download>Download</a>
    <button type="button" class="toggle" aria-expanded="false" aria-controls="chapters">${svg(icons.chevron)}Chapters</button>
    <button type="button" class="toggle" aria-expanded="false" aria-controls="transcript">${svg(icons.chevron)}Transcript</button>
  </div>
  <div class="panel" id="chapters" hidden><ol class="chapters"></ol></div>
  <div class="panel" id="transcript" hidden>
    <button type="button" class="follow" aria-pressed="true">${svg(icons.check)}Auto-scroll</button>
    <div class="transcript" role="region" aria-label="Transcript"><p class="muted cues-status">Loading the transcript…</p></div>
  </div>
  <p class="visually-hidden status" role="status"></p>
  <audio preload="metadata" crossorigin="anonymous"></audio>
</section>`;

/** "1:05", or "1:02:03" past the hour. */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds || 0));
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** "1 minute 5 seconds", as a screen reader should say a time. */
export function spokenTime(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds || 0));
  const parts: [number, string][] = [[Math.floor(whole / 3600), 'hour'], [Math.floor((whole % 3600) / 60), 'minute'], [whole % 60, 'second']];
  const said = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`);
  return said.length > 0 ? said.join(' ') : '0 seconds';
}

/** An address resolved against `base`, refused unless it is http(s): a manifest must not make the download link run script. */
function webUrl(value: string, base: string | URL): string {
  const url = new URL(value, base);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${url.protocol} addresses are not played`);
  return url.href;
}

async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

interface Manifest {
  title?: string;
  show?: string;
  language?: string;
  durationSeconds?: number;
  chapters?: { title: string; start: number }[];
  files?: { audio?: string; transcript?: string; cover?: string; chapters?: string };
}

/** Told on document when a player starts, so the others on the page stop: two voices at once help no one. */
const playingEvent = 'newscast-player-playing';
/** The player whose handlers the lock screen and media keys call (one per page). */
let mediaSessionOwner: NewscastPlayer | undefined;
const mediaSessionActions: MediaSessionAction[] = ['play', 'pause', 'seekbackward', 'seekforward', 'seekto', 'previoustrack', 'nexttrack'];

export class NewscastPlayer extends HTMLElement {
  static observedAttributes = ['src', 'audio', 'chapters', 'transcript', 'episode-title'];

  #root = this.attachShadow({ mode: 'open' });
  #audio: HTMLAudioElement;
  #episode?: PlayerEpisode;
  #cues: { start: number; end: number; button: HTMLButtonElement }[] = [];
  #currentCue = -1;
  #currentChapter = -1;
  #follow = true;
  #savedSecond = -1;
  /** Where the shown episode's position is stored: fixed when it is shown, so a new src never files the old episode's position under its own key. */
  #storageKey = '';
  #loading?: AbortController;
  #ui: Record<'title' | 'show' | 'now' | 'error' | 'play' | 'elapsed' | 'total' | 'status' | 'transcript' | 'chapters' | 'follow' | 'mute' | 'download', HTMLElement>;
  #position: HTMLInputElement;
  #volume: HTMLInputElement;
  #speed: HTMLSelectElement;
  #cover: HTMLImageElement;

  constructor() {
    super();
    this.#root.innerHTML = markup;
    const $ = <T extends Element = HTMLElement>(selector: string): T => this.#root.querySelector<T>(selector)!;
    this.#audio = $<HTMLAudioElement>('audio');
    this.#position = $<HTMLInputElement>('.position');
    this.#volume = $<HTMLInputElement>('.volume');
    this.#speed = $<HTMLSelectElement>('.speed');
    this.#cover = $<HTMLImageElement>('.cover');
    this.#ui = {
      title: $('.title'), show: $('.show'), now: $('.now'), error: $('.error'), play: $('.play'), elapsed: $('.elapsed'),
      total: $('.total'), status: $('.status'), transcript: $('.transcript'), chapters: $('.chapters'), follow: $('.follow'),
      mute: $('.mute'), download: $('.download'),
    };
    this.#wireControls();
    this.#wireAudio();
  }

  /** URL of the episode's episode.json; its files are found relative to it. */
  get src(): string { return this.getAttribute('src') ?? ''; }
  set src(url: string) { this.setAttribute('src', url); }
  /** The MP3's URL, when there is no episode.json. */
  get audio(): string { return this.getAttribute('audio') ?? ''; }
  set audio(url: string) { this.setAttribute('audio', url); }
  /** A Podcasting 2.0 chapters.json URL, when there is no episode.json. */
  get chapters(): string { return this.getAttribute('chapters') ?? ''; }
  set chapters(url: string) { this.setAttribute('chapters', url); }
  /** A WebVTT transcript URL, when there is no episode.json. */
  get transcript(): string { return this.getAttribute('transcript') ?? ''; }
  set transcript(url: string) { this.setAttribute('transcript', url); }
  /** The episode as loaded, once it is. */
  get episode(): PlayerEpisode | undefined { return this.#episode; }
  get currentTime(): number { return this.#audio.currentTime; }
  set currentTime(seconds: number) { this.#seek(seconds); }
  get playbackRate(): number { return this.#audio.playbackRate; }
  set playbackRate(rate: number) { this.#audio.playbackRate = rate; }
  get paused(): boolean { return this.#audio.paused; }
  play(): Promise<void> { return this.#audio.play(); }
  pause(): void { this.#audio.pause(); }

  connectedCallback(): void {
    window.addEventListener('pagehide', this.#savePosition);
    document.addEventListener(playingEvent, this.#pauseForOther);
    void this.#load();
  }

  disconnectedCallback(): void {
    window.removeEventListener('pagehide', this.#savePosition);
    document.removeEventListener(playingEvent, this.#pauseForOther);
    this.#savePosition();
    this.#loading?.abort();
    this.#audio.pause();
    this.#releaseMediaSession();
  }

  #pauseForOther = (event: Event): void => {
    if ((event as CustomEvent).detail !== this) this.#audio.pause();
  };

  /** A removed player must not stay behind the lock screen's buttons (its handlers would drive a detached audio). */
  #releaseMediaSession(): void {
    if (mediaSessionOwner !== this || !('mediaSession' in navigator)) return;
    mediaSessionOwner = undefined;
    navigator.mediaSession.metadata = null;
    for (const action of mediaSessionActions) {
      try {
        navigator.mediaSession.setActionHandler(action, null);
      } catch {
        // An action this browser does not know.
      }
    }
  }

  attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
    // Only a change after the first load: at upgrade, connectedCallback loads once for all attributes.
    if (this.#loading && this.isConnected && before !== after) void this.#load();
  }

  async #load(): Promise<void> {
    this.#loading?.abort();
    // The episode playing now keeps its place, under its own key, and stops before another is fetched.
    this.#savePosition();
    this.#audio.pause();
    const loading = (this.#loading = new AbortController());
    const storageKey = storagePrefix + (this.src ? new URL(this.src, document.baseURI).href : '');
    this.#showError('');
    try {
      const episode = await this.#resolveEpisode(loading.signal);
      if (loading.signal.aborted) return;
      this.#show(episode, this.src ? storageKey : storagePrefix + episode.audio);
    } catch (error) {
      if (loading.signal.aborted) return;
      this.#ui.title.textContent = 'Episode unavailable';
      this.#showError(`Could not load the episode: ${(error as Error).message}`);
      this.dispatchEvent(new CustomEvent('newscast-error', { detail: error, bubbles: true, composed: true }));
    }
  }

  /** From episode.json (its files relative to it), or from the audio, chapters and transcript attributes. */
  async #resolveEpisode(signal: AbortSignal): Promise<PlayerEpisode> {
    if (this.src) {
      const base = webUrl(this.src, document.baseURI);
      const manifest = (await fetchJson(base, signal)) as Manifest;
      const file = (name?: string): string | undefined => (name ? webUrl(name, base) : undefined);
      const audio = file(manifest.files?.audio);
      if (!audio) throw new Error(`${base} names no audio file`);
      return {
        title: manifest.title ?? 'Untitled episode',
        show: manifest.show,
        audio,
        transcript: file(manifest.files?.transcript),
        cover: file(manifest.files?.cover),
        language: manifest.language,
        duration: manifest.durationSeconds,
        chapters: (manifest.chapters ?? []).map(({ title, start }) => ({ title, start })),
      };
    }
    if (!this.audio) throw new Error('give the element a src (episode.json) or an audio attribute');
    const url = (value: string): string => webUrl(value, document.baseURI);
    let chapters: PlayerChapter[] = [];
    if (this.chapters) {
      const document = (await fetchJson(url(this.chapters), signal)) as { chapters?: { title?: string; startTime: number }[] };
      chapters = (document.chapters ?? []).map((chapter, index) => ({ title: chapter.title ?? `Chapter ${index + 1}`, start: chapter.startTime }));
    }
    return {
      title: this.getAttribute('episode-title') ?? 'Episode',
      audio: url(this.audio),
      transcript: this.transcript ? url(this.transcript) : undefined,
      chapters,
    };
  }

  /** storageKey: where its remembered position is stored, one key per episode (its episode.json, else its audio). */
  #show(episode: PlayerEpisode, storageKey: string): void {
    this.#episode = episode;
    this.#storageKey = storageKey;
    this.#currentCue = this.#currentChapter = -1;
    this.#ui.title.textContent = episode.title;
    this.#ui.show.textContent = episode.show ?? '';
    this.#root.querySelector('section')!.setAttribute('aria-label', `Audio player: ${episode.title}`);
    this.#cover.hidden = !episode.cover;
    if (episode.cover) this.#cover.src = episode.cover;
    this.#ui.download.setAttribute('href', episode.audio);
    this.#ui.download.setAttribute('aria-label', `Download the MP3 of ${episode.title}`);
    if (episode.duration) this.#showTime(0, episode.duration);
    this.#renderChapters(episode.chapters);

    const audio = this.#audio;
    audio.querySelector('track')?.remove();
    audio.src = episode.audio;
    this.#cues = [];
    if (episode.transcript) {
      const track = document.createElement('track');
      Object.assign(track, { kind: 'captions', label: 'Transcript', srclang: episode.language ?? 'en', src: episode.transcript, default: true });
      track.addEventListener('load', () => this.#renderTranscript(track.track));
      track.addEventListener('error', () => this.#setTranscriptNote('The transcript could not be loaded.'));
      audio.append(track);
      // Hidden, not shown: the cues load and are listed below, nothing is drawn over the page.
      track.track.mode = 'hidden';
    } else {
      this.#setTranscriptNote('This episode has no transcript.');
    }
    this.dispatchEvent(new CustomEvent('newscast-ready', { detail: episode, bubbles: true, composed: true }));
  }

  #renderChapters(chapters: PlayerChapter[]): void {
    const list = this.#ui.chapters;
    list.replaceChildren(
      ...chapters.map((chapter, index) => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'chapter';
        const title = document.createElement('span');
        title.textContent = chapter.title;
        const time = document.createElement('span');
        time.className = 'time';
        time.textContent = clock(chapter.start);
        time.setAttribute('aria-label', `, at ${spokenTime(chapter.start)}`);
        button.append(title, time);
        button.addEventListener('click', () => {
          this.#seek(chapter.start);
          this.#announce(`Chapter: ${chapter.title}`);
        });
        item.append(button);
        return item;
      }),
    );
    (this.#root.querySelector('[aria-controls="chapters"]') as HTMLElement).hidden = chapters.length === 0;
  }

  #renderTranscript(track: TextTrack): void {
    const cues = [...(track.cues ?? [])] as VTTCue[];
    if (cues.length === 0) return this.#setTranscriptNote('The transcript is empty.');
    const container = this.#ui.transcript;
    if (this.#episode?.language) container.lang = this.#episode.language;
    this.#cues = cues.map((cue, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'cue';
      button.tabIndex = index === 0 ? 0 : -1;
      button.textContent = cue.getCueAsHTML().textContent;
      button.addEventListener('click', () => this.#seek(cue.startTime));
      return { start: cue.startTime, end: cue.endTime, button };
    });
    container.replaceChildren(...this.#cues.map((cue) => cue.button));
    this.#currentCue = -1;
    this.#syncToTime();
  }

  #setTranscriptNote(text: string): void {
    const note = document.createElement('p');
    note.className = 'muted';
    note.textContent = text;
    this.#ui.transcript.replaceChildren(note);
  }

  #wireControls(): void {
    const audio = this.#audio;
    this.#ui.play.addEventListener('click', () => void (audio.paused ? this.#playSafely() : audio.pause()));
    this.#root.querySelector('.back')!.addEventListener('click', () => this.#seek(audio.currentTime - skipBackSeconds));
    this.#root.querySelector('.forward')!.addEventListener('click', () => this.#seek(audio.currentTime + skipForwardSeconds));
    this.#position.addEventListener('input', () => this.#seek(Number(this.#position.value)));
    // The slider's keys are ours: steps in seconds, not the browser's fraction of the range.
    this.#position.addEventListener('keydown', (event) => {
      const steps: Record<string, number> = {
        ArrowLeft: -sliderStepSeconds, ArrowDown: -sliderStepSeconds, ArrowRight: sliderStepSeconds, ArrowUp: sliderStepSeconds,
        PageDown: -sliderPageSeconds, PageUp: sliderPageSeconds, Home: -Infinity, End: Infinity,
      };
      const step = steps[event.key];
      if (step === undefined) return;
      event.preventDefault();
      this.#seek(audio.currentTime + step);
    });
    this.#speed.addEventListener('change', () => (audio.playbackRate = Number(this.#speed.value)));
    this.#volume.addEventListener('input', () => {
      audio.volume = Number(this.#volume.value) / 100;
      audio.muted = false;
    });
    this.#ui.mute.addEventListener('click', () => {
      audio.muted = !audio.muted;
      // volumechange comes a task later; a key pressed on the slider before it would act on the old value.
      this.#showVolume();
    });
    for (const toggle of this.#root.querySelectorAll<HTMLButtonElement>('.toggle')) {
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        this.#root.getElementById(toggle.getAttribute('aria-controls')!)!.hidden = !open;
        if (open) this.#scrollToCue(true);
      });
    }
    this.#ui.follow.addEventListener('click', () => this.#setFollow(!this.#follow));
    // A reader who scrolls the transcript takes over from auto-scroll until they turn it back on.
    const transcript = this.#ui.transcript;
    const stopFollowing = (): void => this.#setFollow(false);
    transcript.addEventListener('wheel', stopFollowing, { passive: true });
    transcript.addEventListener('touchmove', stopFollowing, { passive: true });
    transcript.addEventListener('pointerdown', (event) => event.target === transcript && stopFollowing());
    transcript.addEventListener('keydown', (event) => this.#moveInTranscript(event));
    this.#root.addEventListener('keydown', (event) => this.#shortcut(event as KeyboardEvent));
  }

  /** Arrow keys, Home and End move among the sentences (one tab stop for all of them). */
  #moveInTranscript(event: KeyboardEvent): void {
    if (event.key === 'PageUp' || event.key === 'PageDown') return this.#setFollow(false);
    const index = this.#cues.findIndex((cue) => cue.button === this.#root.activeElement);
    if (index < 0) return;
    const last = this.#cues.length - 1;
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#setFollow(false);
    this.#focusCue(Math.min(last, Math.max(0, next)));
  }

  #focusCue(index: number): void {
    this.#cues.forEach((cue, i) => (cue.button.tabIndex = i === index ? 0 : -1));
    this.#cues[index]?.button.focus();
  }

  /** Shortcuts only while focus is in the player, never on a key a control already uses. */
  #shortcut(event: KeyboardEvent): void {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
    if ((event.target as Element).localName === 'select') return;
    const audio = this.#audio;
    const actions: Record<string, () => void> = {
      k: () => void (audio.paused ? this.#playSafely() : audio.pause()),
      j: () => this.#seek(audio.currentTime - skipBackSeconds),
      l: () => this.#seek(audio.currentTime + skipForwardSeconds),
      '<': () => this.#changeSpeed(-1),
      '>': () => this.#changeSpeed(1),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  #changeSpeed(direction: number): void {
    const index = speeds.indexOf(this.#audio.playbackRate);
    const next = speeds[Math.min(speeds.length - 1, Math.max(0, (index < 0 ? 1 : index) + direction))]!;
    this.#audio.playbackRate = next;
  }

  #wireAudio(): void {
    const audio = this.#audio;
    audio.addEventListener('play', () => {
      document.dispatchEvent(new CustomEvent(playingEvent, { detail: this }));
      this.#setPlayButton(true);
      this.#announce('Playing');
      this.#claimMediaSession();
    });
    audio.addEventListener('pause', () => {
      this.#setPlayButton(false);
      this.#announce('Paused');
      this.#savePosition();
      this.#syncToTime();
    });
    audio.addEventListener('loadedmetadata', () => {
      this.#restorePosition();
      this.#syncToTime();
    });
    audio.addEventListener('timeupdate', () => this.#syncToTime(false));
    audio.addEventListener('seeked', () => this.#syncToTime());
    audio.addEventListener('ended', () => this.#forgetPosition());
    audio.addEventListener('ratechange', () => {
      this.#speed.value = String(audio.playbackRate);
      this.#announce(`Speed ${audio.playbackRate} times`);
      this.#updatePositionState();
    });
    audio.addEventListener('volumechange', () => this.#showVolume());
    audio.addEventListener('error', () => this.#showError('The audio could not be loaded. Check your connection, or download the file instead.'));
  }

  #playSafely(): Promise<void> {
    return this.#audio.play().catch((error: Error) => this.#showError(`The audio could not be played: ${error.message}`));
  }

  #seek(seconds: number): void {
    const duration = this.#duration();
    this.#audio.currentTime = Math.max(0, Math.min(duration > 0 ? duration : Infinity, seconds));
    this.#syncToTime();
  }

  #duration(): number {
    return Number.isFinite(this.#audio.duration) ? this.#audio.duration : (this.#episode?.duration ?? 0);
  }

  /** Brings the slider, the clock, the current chapter and the current sentence to the audio's time. */
  /** speak: false for playback's own ticks, which must not make a screen reader talk over the audio. */
  #syncToTime(speak = true): void {
    const time = this.#audio.currentTime;
    this.#showTime(time, this.#duration(), speak);
    this.#markChapter(time);
    this.#markCue(time);
    if (Math.floor(time) !== this.#savedSecond && !this.#audio.paused) this.#savePosition();
    this.#updatePositionState();
  }

  #showTime(time: number, duration: number, speak = true): void {
    this.#position.max = String(duration);
    this.#position.value = String(time);
    // A screen reader reads out every aria-valuetext change of the focused slider: while playing, the
    // words change on the listener's own seek and on pause, not each second (WAI-ARIA APG: a live value
    // that updates constantly is noise). Unfocused, it is kept current, since nothing reads it out.
    const focused = this.#root.activeElement === this.#position;
    if (speak || this.#audio.paused || !focused) this.#position.setAttribute('aria-valuetext', `${spokenTime(time)} of ${spokenTime(duration)}`);
    this.#ui.elapsed.textContent = clock(time);
    this.#ui.total.textContent = clock(duration);
  }

  #markChapter(time: number): void {
    const chapters = this.#episode?.chapters ?? [];
    let index = -1;
    chapters.forEach((chapter, i) => time >= chapter.start - 0.05 && (index = i));
    if (index === this.#currentChapter) return;
    this.#currentChapter = index;
    const buttons = this.#ui.chapters.querySelectorAll('button');
    buttons.forEach((button, i) => (i === index ? button.setAttribute('aria-current', 'true') : button.removeAttribute('aria-current')));
    const chapter = chapters[index];
    this.#ui.now.textContent = chapter ? `Chapter: ${chapter.title}` : '';
    if (!chapter) return;
    if (!this.#audio.paused) this.#announce(`Chapter: ${chapter.title}`);
    this.#claimMediaSession(false);
    this.dispatchEvent(new CustomEvent('newscast-chapterchange', { detail: { index, ...chapter }, bubbles: true, composed: true }));
  }

  /** The sentence being spoken; between two sentences, the one just spoken. */
  #markCue(time: number): void {
    let index = -1;
    for (let i = 0; i < this.#cues.length && this.#cues[i]!.start <= time + cueStartTolerance; i++) index = i;
    if (index === this.#currentCue) return;
    this.#cues[this.#currentCue]?.button.removeAttribute('aria-current');
    this.#currentCue = index;
    const cue = this.#cues[index];
    if (!cue) return;
    cue.button.setAttribute('aria-current', 'true');
    if (!this.#cues.some((other) => other.button === this.#root.activeElement)) this.#cues.forEach((other) => (other.button.tabIndex = other === cue ? 0 : -1));
    this.#scrollToCue(false);
  }

  #scrollToCue(force: boolean): void {
    const cue = this.#cues[this.#currentCue];
    const container = this.#ui.transcript;
    if (!cue || (!this.#follow && !force) || container.closest('[hidden]')) return;
    const calm = matchMedia('(prefers-reduced-motion: reduce)').matches;
    container.scrollTo({ top: cue.button.offsetTop - container.clientHeight / 3, behavior: calm || force ? 'auto' : 'smooth' });
  }

  #setFollow(follow: boolean): void {
    if (follow === this.#follow) return;
    this.#follow = follow;
    this.#ui.follow.setAttribute('aria-pressed', String(follow));
    if (follow) this.#scrollToCue(true);
  }

  #setPlayButton(playing: boolean): void {
    this.#ui.play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    this.#ui.play.innerHTML = svg(playing ? icons.pause : icons.play);
  }

  #showVolume(): void {
    const audio = this.#audio;
    const percent = Math.round(audio.volume * 100);
    this.#volume.value = String(audio.muted ? 0 : percent);
    this.#volume.setAttribute('aria-valuetext', audio.muted ? 'muted' : `${percent}%`);
    this.#ui.mute.setAttribute('aria-pressed', String(audio.muted));
    this.#ui.mute.innerHTML = svg(audio.muted ? icons.muted : icons.volume);
  }

  #announce(text: string): void {
    this.#ui.status.textContent = text;
  }

  #showError(text: string): void {
    this.#ui.error.textContent = text;
    this.#ui.error.hidden = !text;
  }

  #savePosition = (): void => {
    const time = this.#audio.currentTime;
    if (!this.#episode || !(time > 0)) return;
    this.#savedSecond = Math.floor(time);
    try {
      localStorage.setItem(this.#storageKey, String(Math.round(time * 10) / 10));
    } catch {
      // Storage may be off (private mode, a sandboxed frame): the player works without it.
    }
  };

  #restorePosition(): void {
    let saved = Number.NaN;
    try {
      saved = Number(localStorage.getItem(this.#storageKey));
    } catch {
      return;
    }
    if (saved > 0 && saved < this.#audio.duration - 1) this.#audio.currentTime = saved;
  }

  #forgetPosition(): void {
    try {
      localStorage.removeItem(this.#storageKey);
    } catch {
      // As above.
    }
  }

  /** The lock screen and media keys drive the player that played last. */
  #claimMediaSession(handlers = true): void {
    const episode = this.#episode;
    if (!episode || !('mediaSession' in navigator) || this.#audio.paused) return;
    const session = navigator.mediaSession;
    const chapter = episode.chapters[this.#currentChapter];
    session.metadata = new MediaMetadata({
      title: chapter && episode.chapters.length > 1 ? `${episode.title}: ${chapter.title}` : episode.title,
      artist: episode.show ?? '',
      album: episode.show ?? '',
      artwork: episode.cover ? [{ src: episode.cover }] : [],
    });
    if (!handlers) return;
    mediaSessionOwner = this;
    const audio = this.#audio;
    const chapterStart = (step: number): void => {
      const target = episode.chapters[Math.max(0, this.#currentChapter + step)];
      if (target) this.#seek(target.start);
    };
    const actions: [MediaSessionAction, MediaSessionActionHandler][] = [
      ['play', () => void this.#playSafely()],
      ['pause', () => audio.pause()],
      ['seekbackward', (details) => this.#seek(audio.currentTime - (details.seekOffset ?? skipBackSeconds))],
      ['seekforward', (details) => this.#seek(audio.currentTime + (details.seekOffset ?? skipForwardSeconds))],
      ['seekto', (details) => this.#seek(details.seekTime ?? audio.currentTime)],
      ['previoustrack', () => chapterStart(audio.currentTime - (episode.chapters[this.#currentChapter]?.start ?? 0) > 3 ? 0 : -1)],
      ['nexttrack', () => chapterStart(1)],
    ];
    for (const [action, handler] of actions) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // An action this browser does not know.
      }
    }
  }

  #updatePositionState(): void {
    const duration = this.#audio.duration;
    if (!('mediaSession' in navigator) || !Number.isFinite(duration) || this.#audio.paused) return;
    navigator.mediaSession.setPositionState({ duration, playbackRate: this.#audio.playbackRate, position: Math.min(this.#audio.currentTime, duration) });
  }
}

if (!customElements.get('newscast-player')) customElements.define('newscast-player', NewscastPlayer);

declare global {
  interface HTMLElementTagNameMap {
    'newscast-player': NewscastPlayer;
  }
}
