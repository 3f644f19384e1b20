import { escapeRegExp } from '../regex.js';

/*
 * A party's name is not clause wording: "Sunrise Exports Private Limited" or "Baotou Rare Earth
 * Import and Export Co., Ltd." names a company, not export law, and a sentence that mentions it
 * ("comply with all laws applicable to its dealings with Sunrise Exports") is no export clause.
 * The trade words inside the names and roles the preamble defines are blanked wherever those names
 * recur, with the same number of characters, so every offset (and every quote) still holds.
 */

/** Words that make clause patterns fire when they are only part of a company's name. */
const TRADE_WORD = /\b(?:export(?:s|ing)?|import(?:s|ing)?|sanctions?|embargo(?:es)?)\b/i;
/** A "name" that is a body of law or a list ("Export Control Regulations") is no company, whatever the preamble grammar read. */
const LAW_WORD = /\b(?:laws?|regulations?|rules|acts?|controls?|compliance|lists?|administration|licen[cs]es?|restrictions?|programs?|programmes?)\b/i;

/** The text with each trade word inside a recurrence of one of the names turned into x's (X for a capital). */
export function withoutTradeWordsInNames(text: string, names: readonly string[]): string {
  const masked: Array<[number, number]> = [];
  for (const name of new Set(names.map((candidate) => candidate.trim()))) {
    if (!TRADE_WORD.test(name) || LAW_WORD.test(name)) continue;
    const words = name.split(/\s+/).map(escapeRegExp);
    const occurrence = new RegExp(`(?<![\\w])${words.join('\\s+')}(?![\\w])`, 'g');
    for (const match of text.matchAll(occurrence)) {
      for (const word of match[0].matchAll(new RegExp(TRADE_WORD.source, 'gi'))) {
        const start = match.index + word.index;
        masked.push([start, start + word[0].length]);
      }
    }
  }
  if (masked.length === 0) return text;
  masked.sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  let at = 0;
  for (const [start, end] of masked) {
    if (start < at) continue;
    pieces.push(text.slice(at, start), text.slice(start, end).replace(/[A-Z]/g, 'X').replace(/[a-z]/g, 'x'));
    at = end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}
