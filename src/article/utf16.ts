/**
 * UTF-16 text (what Windows Notepad and Word call "Unicode"), told apart from binary: by its
 * byte-order mark, else by the zero high bytes of mostly-ASCII text in every other position.
 */

/** The text of UTF-16 `bytes`, or undefined when they are not UTF-16. */
export function decodeUtf16(bytes: Buffer): string | undefined {
  const order = byteOrder(bytes);
  if (!order) return undefined;
  const hasBom = (order === 'le' && bytes[0] === 0xff && bytes[1] === 0xfe) || (order === 'be' && bytes[0] === 0xfe && bytes[1] === 0xff);
  const body = bytes.subarray(hasBom ? 2 : 0, bytes.length - (bytes.length % 2));
  try {
    return new TextDecoder(order === 'le' ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}

function byteOrder(bytes: Buffer): 'le' | 'be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  // Without a mark: Latin-script text has a zero in nearly every other byte, and nowhere else.
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 8) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) zeroEven++;
    if (sample[i + 1] === 0) zeroOdd++;
  }
  const pairs = sample.length / 2;
  if (zeroOdd >= pairs * 0.9 && zeroEven === 0) return 'le';
  if (zeroEven >= pairs * 0.9 && zeroOdd === 0) return 'be';
  return undefined;
}
