// The one rule for a language tag, in show.json and in episode.json: "en", "en-US", "pt-BR".
import { z } from 'zod';

export const languageTag = () => z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a language code like "en" or "en-US"');
