import { SaxesParser, type SaxesTagNS } from 'saxes';
import { cutPoint } from '../../common/long-text.js';
import { NewscastError } from '../../errors.js';
import { breakSeconds, clampRate, paragraphPauseSeconds, rateMultiplier, sentencePauseSeconds } from './attributes.js';
import type { TimelineItem } from './timeline.js';

const ssmlNamespace = 'http://www.w3.org/2001/10/synthesis';

/** Elements whose text is read as it stands: the engines here cannot do more with them. */
const transparent = new Set(['say-as', 'phoneme', 'emphasis', 'lang', 'token', 'w']);
/** Elements that carry no speech at all. */
const unspoken = new Set(['meta', 'metadata', 'lexicon', 'lookup', 'desc']);
/** Far deeper than any script needs (newscast's own nest 5 deep); bounds the work a hostile one makes. */
export const maxNestingDepth = 32;

/**
 * About the longest run one engine call is given (some 40 s of speech; a run ends the word or
 * <sub> alias that crosses it). A longer sentence is cut at a clause (else a word) into several
 * runs, each timed exactly and each its own transcript cue: a 20,000-character sentence is not
 * one 28-minute engine call and one 28-minute caption.
 */
export const maxRunCharacters = 600;
/** The pause at a clause where an overlong sentence was cut, as a speaker takes at a comma. */
const clausePauseSeconds = 0.2;

/** What may come before the root: a BOM, an XML declaration, comments, a doctype naming speak. */
const prolog = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE\s+(?:[\w.-]+:)?speak\b[^>]*>)\s*)*/;

interface Frame {
  element: string;
  voice?: string;
  rate: number;
  /** Inside <sub> or metadata: text is written (or ignored), not spoken. */
  muted: boolean;
}

/**
 * Walks an SSML document into a timeline. Any problem (not well-formed, an unknown element, a
 * break of an hour) is an input error naming the line and column, before anything is spoken.
 */
export function parseSsml(ssml: string, sourceName = 'script'): TimelineItem[] {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const items: TimelineItem[] = [];
  const stack: Frame[] = [];
  let spoken = '';
  let written = '';
  let sawRoot = false;
  /** The next run continues a sentence that was cut: it opens a new transcript cue. */
  let cutBefore = false;

  const fail = (message: string): never => {
    throw new NewscastError(
      'input',
      `${sourceName}:${parser.line}:${parser.column}: ${message}`,
      'Fix the SSML script at that place (see `newscast script` for a valid one), then render again.',
    );
  };
  const top = (): Frame => stack[stack.length - 1] ?? { element: '', rate: 1, muted: false };

  const flush = (): void => {
    const text = spoken.replace(/\s+/g, ' ').trim();
    const shown = written.replace(/\s+/g, ' ').trim();
    if (text || shown) {
      items.push({ kind: 'speech', spoken: text, written: shown, voice: top().voice, rate: top().rate, ...(cutBefore ? { newCue: true as const } : {}) });
      cutBefore = false;
    }
    spoken = '';
    written = '';
  };

  /** Adds spoken text to the run, ending the run where it would grow past maxRunCharacters. */
  const addText = (text: string): void => {
    let rest = text;
    while (spoken.length + rest.length > maxRunCharacters) {
      const cut = cutPoint(rest, maxRunCharacters - spoken.length, spoken);
      if (cut === undefined) break;
      spoken += rest.slice(0, cut);
      written += rest.slice(0, cut);
      rest = rest.slice(cut);
      const atClause = /[,;:)\]]\s*$/.test(spoken) || /^\s*[—–-]\s/.test(rest);
      flush();
      if (atClause) items.push({ kind: 'pause', seconds: clausePauseSeconds, implicit: true });
      cutBefore = true;
    }
    spoken += rest;
    written += rest;
  };

  const open = (tag: SaxesTagNS): void => {
    if (tag.uri !== ssmlNamespace && tag.uri !== '') fail(`<${tag.name}> is not an SSML element`);
    const name = tag.local;
    const attribute = (key: string): string | undefined => tag.attributes[key]?.value;
    const parent = top();
    if (!sawRoot) {
      if (name !== 'speak') fail(`the document must start with <speak>, not <${name}>`);
      sawRoot = true;
    } else if (name === 'speak') {
      fail('<speak> cannot be nested');
    }
    if (stack.length >= maxNestingDepth) fail(`elements are nested more than ${maxNestingDepth} deep; a script needs only a few levels`);
    const frame: Frame = { element: name, voice: parent.voice, rate: parent.rate, muted: parent.muted };
    try {
      switch (name) {
        case 'speak':
        case 'p':
        case 'paragraph':
        case 's':
        case 'sentence':
          flush();
          cutBefore = false;
          break;
        case 'mark': {
          const markName = attribute('name');
          if (!markName) fail('<mark> needs a name');
          flush();
          items.push({ kind: 'mark', name: markName! });
          break;
        }
        case 'break':
          flush();
          items.push({ kind: 'pause', seconds: breakSeconds(attribute('time'), attribute('strength')), implicit: false });
          break;
        case 'prosody': {
          flush();
          const rate = attribute('rate');
          if (rate !== undefined) frame.rate = clampRate(parent.rate * rateMultiplier(rate));
          break;
        }
        case 'voice': {
          flush();
          const voice = attribute('name');
          if (voice) frame.voice = voice;
          break;
        }
        case 'sub': {
          const alias = attribute('alias');
          if (alias === undefined) fail('<sub> needs an alias');
          // As SSML says, the alias takes the text's place exactly: "1990s'" reads "nineteen nineties'".
          if (!parent.muted) spoken += alias;
          frame.muted = true;
          break;
        }
        case 'audio':
          fail('<audio> is not supported in a script; intro, outro and music come from the template');
          break;
        default:
          if (unspoken.has(name)) frame.muted = true;
          else if (!transparent.has(name)) fail(`<${name}> is not an SSML element newscast knows`);
      }
    } catch (error) {
      if (error instanceof NewscastError) throw error;
      fail((error as Error).message);
    }
    stack.push(frame);
  };

  const close = (tag: SaxesTagNS): void => {
    const name = tag.local;
    if (name === 's' || name === 'sentence' || name === 'p' || name === 'paragraph' || name === 'prosody' || name === 'voice') {
      flush();
    }
    stack.pop();
    if (name === 's' || name === 'sentence') items.push({ kind: 'pause', seconds: sentencePauseSeconds, implicit: true });
    if (name === 'p' || name === 'paragraph') items.push({ kind: 'pause', seconds: paragraphPauseSeconds, implicit: true });
  };

  parser.on('opentag', open);
  parser.on('closetag', close);
  parser.on('text', (text) => {
    if (stack.length === 0) {
      if (text.trim()) fail('text outside <speak>');
      return;
    }
    const frame = top();
    if (frame.muted) {
      if (frame.element === 'sub') written += text;
      return;
    }
    addText(text);
  });
  parser.on('error', (error) => {
    // saxes says "text data outside of root node" for words after </speak>.
    const message = sawRoot && stack.length === 0 ? error.message.replace(/text data outside of root node\.?$/, 'text after </speak>') : error.message;
    throw new NewscastError('input', `${sourceName}:${message}`, 'The script is not well-formed XML: fix it at that place and render again.');
  });

  if (!ssml.trim()) fail('the script is empty: it needs a <speak> element');
  if (!/^<(?:[\w.-]+:)?speak[\s/>]/.test(ssml.replace(prolog, ''))) throw notAScript(sourceName);
  parser.write(ssml).close();
  flush();
  return items;
}

/** An article, a page or anything else given where a script belongs: say what a script is and how to make one. */
function notAScript(sourceName: string): NewscastError {
  const named = sourceName !== 'script';
  const scriptName = named ? `${sourceName.replace(/\.[^./\\]*$/, '')}.ssml` : 'story.ssml';
  return new NewscastError(
    'input',
    `${sourceName} is not an SSML script: a script starts with <speak>.`,
    `Make one with \`newscast script ${named ? sourceName : 'ARTICLE'} > ${scriptName}\`, edit it if you like, then render that (or \`newscast generate\` the article directly).`,
  );
}
