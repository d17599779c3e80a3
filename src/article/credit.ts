/**
 * The source credit that closes many articles: "… before being defeated. – Rappler.com",
 * "… he said. — Reuters", "… on Tuesday. (AP)", or a last paragraph "Source: BBC News".
 * Wire trailers such as "(Reporting by Jane Doe; Editing by John Roe)" are recognised too.
 */

/** A publisher's name: 1-5 capitalised words or a domain, e.g. "Rappler.com", "BBC News". */
const name = String.raw`[\p{Lu}\p{N}][\p{L}\p{N}.&'’-]*(?: [\p{Lu}\p{N}&][\p{L}\p{N}.&'’-]*){0,4}`;
const dashCredit = new RegExp(String.raw`(?<=[.!?"”’)])\s+[—–-]{1,2}\s*(${name})\s*$`, 'u');
const bracketCredit = new RegExp(String.raw`(?<=[.!?"”’])\s*\((${name})\)\s*$`, 'u');
const creditParagraph = new RegExp(String.raw`^(?:[—–-]{1,2}\s*|(?:Source|Credit|Via)\s*:\s*)(${name})\.?$`, 'u');
const wireTrailer = /^\(?(?:Additional )?(?:Reporting|Writing|Editing) by [^()]*\)?$/i;

export interface Credit {
  source?: string;
  /** The last paragraph without the credit, or undefined when the whole paragraph was a credit. */
  rest?: string;
}

/** Looks for a credit in what is the article's last paragraph. */
export function parseCredit(lastParagraph: string): Credit | undefined {
  if (wireTrailer.test(lastParagraph)) return {};
  const whole = creditParagraph.exec(lastParagraph);
  if (whole) return { source: whole[1] };
  const trailing = dashCredit.exec(lastParagraph) ?? bracketCredit.exec(lastParagraph);
  if (!trailing) return undefined;
  return { source: trailing[1], rest: lastParagraph.slice(0, trailing.index).trim() };
}
