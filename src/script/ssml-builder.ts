/**
 * Typed access to ssml-builder, a CommonJS package without type declarations. It throws plain
 * strings on bad input, so every call goes through `callSsmlBuilder`, which turns any throw into
 * a NewscastError.
 */
import { createRequire } from 'node:module';
import { NewscastError } from '../errors.js';

/** The part of ssml-builder's Speech class that we use. */
export interface SsmlBuilderSpeech {
  /** Appends text, XML-escaped (& < > " '). */
  say(text: string): SsmlBuilderSpeech;
  /** Appends markup as is. */
  sayWithSSML(markup: string): SsmlBuilderSpeech;
  /** The elements joined by single spaces; without `<speak>` when `excludeSpeakTag` is true. */
  ssml(excludeSpeakTag?: boolean): string;
}

const require = createRequire(import.meta.url);
const Speech = require('ssml-builder') as new () => SsmlBuilderSpeech;

/** Runs `build` on a fresh Speech and returns its markup without the bare `<speak>` root. */
export function callSsmlBuilder(build: (speech: SsmlBuilderSpeech) => void): string {
  try {
    const speech = new Speech();
    build(speech);
    return speech.ssml(true);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    throw new NewscastError('internal', `Building SSML failed: ${reason}`, 'Please report this with the article that caused it.', {
      cause: thrown,
    });
  }
}
