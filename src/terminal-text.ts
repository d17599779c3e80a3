// Untrusted text (file names, titles, messages quoting either) is shown, never obeyed: a terminal
// takes ESC sequences, C1 controls (U+009B is a one-byte CSI) and BEL as commands, and bidi
// overrides reorder what the user reads. Each is printed as a visible escape instead.

/** C0 controls, DEL, C1 controls; bidi embeddings, overrides, isolates; line and paragraph separators. */
const unsafe = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/gu;

/** `text` safe to write to a terminal: "\x1B", "\x9B", "\u202E" in place of the characters. `keepNewlines` leaves "\n" alone. */
export function forTerminal(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(unsafe, (character) => {
    if (character === '\n' && options.keepNewlines) return character;
    const code = character.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase()}`;
  });
}
