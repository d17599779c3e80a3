export { generateEpisode, renderEpisode, renderScriptFile, scriptArticle, episodeSlug } from './pipeline.js';
export type { GeneratedEpisode, ProgressEvent, RenderOptions, ScriptOptions, Stage } from './pipeline.js';
export type { EpisodeManifest } from './publish/manifest.js';
export type { EpisodeChapter, Loudness } from './audio/assembly.js';
export type { Article, Section } from './article/article.js';
export type { Engine, Pcm, SpeakOptions, Voice } from './tts/engine.js';
export { chooseEngine, createEngine, engineNames } from './tts/engines/index.js';
export { NewscastError, type ErrorKind } from './errors.js';
