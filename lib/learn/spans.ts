/*
 * Labelled quotes (spans of provisions, evidence of elements) are verbatim from the contract but may
 * wrap differently from the normalised text. They are found with whitespace runs treated as one
 * space, and mapped back to offsets of the normalised text.
 */

export interface Squeezed {
  text: string;
  /** Offset in the original text of each character of `text`. */
  offsets: Int32Array;
}

export function squeeze(original: string): Squeezed {
  const chars: string[] = [];
  const offsets: number[] = [];
  let space = false;
  for (let index = 0; index < original.length; index++) {
    const character = original[index]!;
    if (/\s/.test(character)) {
      space = chars.length > 0;
      continue;
    }
    if (space) {
      chars.push(' ');
      offsets.push(index - 1);
      space = false;
    }
    chars.push(character);
    offsets.push(index);
  }
  return { text: chars.join(''), offsets: Int32Array.from(offsets) };
}

const squeezeQuote = (quote: string) => quote.replace(/\s+/g, ' ').trim();

/** Offsets [start, end) of the quote in the original text, searching from `from`; null when it is not there. */
export function findQuote(squeezed: Squeezed, quote: string, from = 0): [number, number] | null {
  const needle = squeezeQuote(quote);
  if (needle === '') return null;
  let position = 0;
  // Start the search at the squeezed position of `from`.
  while (position < squeezed.offsets.length && squeezed.offsets[position]! < from) position++;
  const found = squeezed.text.indexOf(needle, position);
  if (found < 0) return null;
  return [squeezed.offsets[found]!, squeezed.offsets[found + needle.length - 1]! + 1];
}

/** A labelled span (its first and last words) as offsets: from the start quote to the end of the end quote. */
export function findSpan(squeezed: Squeezed, start: string, end: string): [number, number] | null {
  const first = findQuote(squeezed, start);
  if (!first) return null;
  const last = findQuote(squeezed, end, first[0]);
  if (!last) return null;
  return [first[0], last[1]];
}
