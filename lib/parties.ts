/*
 * The contracting parties a preamble names: "FUSION Pharmaceuticals Inc. ("FUSION")", "Quillstone
 * Software Ltd, a company registered in England and Wales (the "Provider")". A party's name is read
 * by a small grammar (capitalised words ending in a legal form, or capitalised words that a role
 * definition follows), so that descriptions ("a Delaware corporation"), registration clauses and
 * addresses are never taken for names.
 */

/** A contracting party named in the preamble, with the role the contract defines for it. */
export interface Party {
  name: string;
  role: string;
}

/** How far into the document a preamble may run (cover pages and a table of contents come first in filings). */
const PREAMBLE_CHARS = 6_000;
/** Where the preamble ends: recitals, background or the first article. */
const PREAMBLE_END = /\b(?:W\s?HEREAS|RECITALS|BACKGROUND|NOW,? THEREFORE|IT IS (?:HEREBY )?AGREED|THE PARTIES AGREE)\b/;
const MAX_PARTIES = 8;

/** Legal forms across jurisdictions, as words (tokens) a name can end with. */
const LEGAL_FORM_WORD =
  /^(?:Inc\.?|INC\.?|Incorporated|INCORPORATED|LLC|L\.L\.C\.|LLP|L\.L\.P\.|LP|L\.P\.|Ltd\.?|LTD\.?|Ltda\.?|Limited|LIMITED|PLC|plc|Plc|GmbH|GMBH|AG|AS|ASA|A\/S|AB|SA|S\.A\.|SAS|S\.A\.S\.|SpA|S\.p\.A\.|Srl|S\.r\.l\.|BV|B\.V\.|NV|N\.V\.|KK|K\.K\.|Oy|Oyj|ApS|KG|SE|S\.E\.|Corp\.?|CORP\.?|Corporation|CORPORATION|Company|COMPANY|Co\.|CO\.|N\.A\.|Bhd\.?|BHD\.?|Pte\.?|PTE\.?|Pty\.?|PTY\.?|Pvt\.?|MHC)$/;
/** Words after which the next capitalised words may be a party's name. */
const NAME_BOUNDARY = /\b(?:between|among(?:st)?|by|and|with)\b[:\s]*|[;:\n]\s*|\(\d\)\s*|\)\s*,\s*|^\s*/gi;
/**
 * A defined role: ("Supplier"), (the "Buyer"), (hereinafter referred to as "Licensee"), (each and both of them "Recipient").
 * Each word is taken whole, so a long lead-in that ends in no quote fails at once instead of being split letter by letter.
 */
const ROLE = /\((?:\s*[a-z][a-z,]*(?![a-z,])){0,8}\s*["“']([^"”'()]{1,40})["”']/gi;
/** Defined terms that are not parties. */
const NOT_A_ROLE =
  /^(?:effective date|parties|party|territory|products?|services?|the product|term|recitals?|commencement date|closing date|effective time|work|deliverables|confidential information|affiliates?)$|\b(?:agreement|addendum|amendment|contract|exhibit|schedule|annex|appendix)\b/i;

/** Words a name is made of: capitalised, all-caps, with digits, ampersands and inner punctuation. */
const NAME_WORD = /^(?:[A-Z0-9][A-Za-z0-9'’&.\-/]*|&|[A-Z]\.)$/;
/** Lower-case words allowed inside a name ("Bank of China", "Centre for Probe Development and Commercialization"). */
const CONNECTORS = new Set([
  'of',
  'and',
  'for',
  'the',
  'de',
  'del',
  'der',
  'des',
  'du',
  'la',
  'le',
  'und',
  'et',
  'y',
  'für',
  'van',
  'von',
  'di',
  'da',
  'do',
  '&',
]);
/** Street and place words: a "name" holding one is an address. */
const ADDRESS_WORD =
  /\b(?:street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|way|drive|dr|court|ct|place|square|wharf|quay|plaza|park|floor|suite|building|bldg|box|highway|hwy|strasse|straße|str|gatan|gate|veien|vej|via|rue|calle|avenida|platz|weg|laan|zone|district|house|tower|room|unit)\b/i;
/** Boundary words written in capitals ("BETWEEN:", "AND") before a name. */
const LEADING_BOUNDARY = /^(?:between|among|amongst|by|and|with)$/i;
/** Words of a document title, never of a party's name. */
const DOCUMENT_WORD = /\b(?:agreement|addendum|amendment|contract|exhibit|schedule|annex|appendix|terms|conditions)\b/i;
/** Words that begin a sentence or a description, never a name. */
const NOT_A_NAME_START =
  /^(?:This|The|That|These|Such|Each|Either|Neither|Any|All|Dated|Made|Entered|Effective|Agreement|Whereas|Now|In|On|As|At|For|To|If|Its|Their|A|An)$/;
const MAX_NAME_WORDS = 10;
const ROLE_REACH = 700;

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether the tokens from `index` are one or two capitalised words of a place, then the end of the name. */
function placeAfter(tokens: ReadonlyArray<RegExpMatchArray>, index: number): boolean {
  let words = 0;
  while (index < tokens.length && NAME_WORD.test(tokens[index]![0]) && words < 3) {
    if (ADDRESS_WORD.test(tokens[index]![0]) || /\d/.test(tokens[index]![0])) return false;
    index++;
    words++;
  }
  return words > 0 && words <= 2 && (index >= tokens.length || /^[,;:()"“”（）]$/.test(tokens[index]![0]));
}

/** The capitalised name that starts at `from`, or null: it stops at a lower-case word, a comma not followed by a legal form, or a bracket. */
function nameStartingAt(text: string, from: number): { name: string; end: number; legalForm: boolean } | null {
  const tokens = [...text.slice(from, from + 400).matchAll(/[^\s,;:()"“”（）]+|[,;:()"“”（）]/g)];
  let first = 0;
  while (first < tokens.length && (LEADING_BOUNDARY.test(tokens[first]![0]) || tokens[first]![0] === ':')) first++;
  let last = -1;
  let words = 0;
  for (let index = first; index < tokens.length; index++) {
    const token = tokens[index]![0];
    // A legal form ends the name, but for another legal form ("Co., Ltd.") or a short "of <Place>"
    // ("Alliance Bancorp, Inc. of Pennsylvania"): "DGT Corp. Suite 207" and "UK Limited of Boston House" are addresses.
    if (last >= 0 && token !== ',' && LEGAL_FORM_WORD.test(tokens[last]![0]) && !LEGAL_FORM_WORD.test(token)) {
      if (token.toLowerCase() !== 'of' || !placeAfter(tokens, index + 1)) break;
    }
    if (last >= 0 && /^(?:WITH|BETWEEN|AMONG|BY)$/.test(token)) break;
    if (token === ',') {
      // A comma stays inside a name only before its legal form ("Kiddo, Inc.", "Co., Ltd.", "PTE, LTD.").
      if (last >= 0 && LEGAL_FORM_WORD.test(tokens[index + 1]?.[0] ?? '')) continue;
      break;
    }
    if (/^[;:()"“”（）]$/.test(token)) break;
    if (NAME_WORD.test(token) || (last >= 0 && (CONNECTORS.has(token.toLowerCase()) || LEGAL_FORM_WORD.test(token)))) {
      if (last < 0 && NOT_A_NAME_START.test(token)) {
        // "The Hertz Corporation" is a name; "The Company" is not: only a legal form decides, below.
        if (token.toLowerCase() !== 'the') return null;
      }
      last = index;
      if (++words > MAX_NAME_WORDS) return null;
      continue;
    }
    break;
  }
  // Trailing connectors ("Foo and") belong to what follows.
  while (last >= 0 && CONNECTORS.has(tokens[last]![0].toLowerCase())) last--;
  if (last < 0) return null;
  if (last < first) return null;
  const end = from + tokens[last]!.index! + tokens[last]![0].length;
  const name = normalizeSpace(text.slice(from + tokens[first]!.index!, end));
  if (DOCUMENT_WORD.test(name)) return null;
  const legalForm = LEGAL_FORM_WORD.test(tokens[last]![0]);
  if (!legalForm && /^the\b/i.test(name)) return null;
  if (name.length < 2) return null;
  if (!legalForm && (ADDRESS_WORD.test(name) || /\d/.test(name) || name.split(' ').length > 6)) return null;
  return { name, end, legalForm };
}

/** The role a party is given: the first defined term after its name, before the next party begins. */
function roleAfter(preamble: string, from: number, until: number): { role: string; shared: boolean } | null {
  ROLE.lastIndex = from;
  let match: RegExpExecArray | null;
  // biome-ignore lint/suspicious/noAssignInExpressions: the exec loop of a global regular expression
  while ((match = ROLE.exec(preamble)) !== null && match.index < Math.min(until, from + ROLE_REACH)) {
    const role = normalizeSpace(match[1]!);
    // "(each and both of them "Recipient")" names the parties before it together.
    const shared = /\b(?:each|both|collectively|together|jointly)\b/i.test(preamble.slice(Math.max(from, match.index - 40), match.index + match[0].length));
    if (!NOT_A_ROLE.test(role) && /^[A-Z0-9]/.test(role)) return { role, shared };
  }
  return null;
}

/** "The buyer/End-User: Shenzhen … Co., Ltd." — a role written as a label before the name. */
const ROLE_LABEL =
  /\b(?:the\s+)?(buyer|seller|supplier|purchaser|customer|vendor|distributor|licensor|licensee|manufacturer|contractor|client|provider|lessor|lessee)(?:\s*\/\s*[\w-]+)?\s*:\s*/gi;

/** Where the parties are named: from "between" (or "among", "by") to the end of that sentence. */
function partiesRegion(preamble: string): string {
  const opening = /\b(?:between|among(?:st)?|by and between|made by|entered into by)\b/i.exec(preamble);
  if (!opening) return preamble;
  // A full stop before a capital ends the sentence, unless it closes an abbreviation ("Inc.", "U.S.").
  const sentenceEnd = /(?<![A-Z]|\b(?:Inc|Ltd|Co|Corp|No|St|Ltda|Pte|Pty|Bhd|Jr|Sr|Mr|Mrs|Ms|Dr))\.\s+(?=[A-Z])/g;
  sentenceEnd.lastIndex = opening.index;
  let end = preamble.length;
  const hasRole = new RegExp(ROLE.source, 'i');
  for (let match = sentenceEnd.exec(preamble); match; match = sentenceEnd.exec(preamble)) {
    if (hasRole.test(preamble.slice(opening.index, match.index))) {
      end = match.index + 1;
      break;
    }
  }
  return preamble.slice(0, end);
}

/** The parties defined in the first part of a contract, with their roles. */
export function findParties(text: string): Party[] {
  let preamble = text.slice(0, PREAMBLE_CHARS);
  const stop = PREAMBLE_END.exec(preamble);
  if (stop && stop.index > 200) preamble = preamble.slice(0, stop.index);
  preamble = partiesRegion(preamble);
  // Candidate names: capitalised words right after a boundary ("between", "and", a semicolon, a new line).
  const candidates: Array<{ name: string; start: number; end: number; legalForm: boolean }> = [];
  for (const boundary of preamble.matchAll(NAME_BOUNDARY)) {
    const start = boundary.index + boundary[0].length;
    if (candidates.some((candidate) => start >= candidate.start && start < candidate.end)) continue;
    const found = nameStartingAt(preamble, start);
    if (found) candidates.push({ ...found, start });
  }
  candidates.sort((a, b) => a.start - b.start);
  const parties: Party[] = [];
  const add = (name: string, role: string, shared: boolean) => {
    if (parties.some((party) => party.name.toLowerCase() === name.toLowerCase() || (!shared && party.role === role))) return;
    if (parties.length < MAX_PARTIES) parties.push({ name, role });
  };
  // Capitalised words between a company and its role describe it ("registered in England and Wales"): not a party.
  const described = new Set<number>();
  candidates.forEach((candidate, index) => {
    if (!candidate.legalForm) return;
    const nextCompany = candidates.slice(index + 1).find((other) => other.legalForm);
    const role = roleAfter(preamble, candidate.end, nextCompany?.start ?? preamble.length);
    if (!role) return;
    const roleAt = preamble.indexOf(role.role, candidate.end);
    candidates.forEach((other, otherIndex) => {
      if (!other.legalForm && other.start > candidate.end && other.start < roleAt) described.add(otherIndex);
    });
  });
  candidates.forEach((candidate, index) => {
    if (described.has(index)) return;
    const following = candidates.slice(index + 1).filter((_, offset) => !described.has(index + 1 + offset));
    const next = candidate.legalForm ? following.find((other) => other.legalForm) : following.find((other) => other.start > candidate.end);
    const role = roleAfter(preamble, candidate.end, next?.start ?? preamble.length);
    if (role) {
      add(candidate.name, role.role, role.shared);
      return;
    }
    // No role of its own: a company named with the next one under a shared role ("each of them "Recipient"").
    if (!candidate.legalForm || !next) return;
    const theirs = roleAfter(preamble, next.end, following.find((other) => other.start > next.end)?.start ?? preamble.length);
    if (theirs?.shared) add(candidate.name, theirs.role, true);
  });
  for (const label of preamble.matchAll(ROLE_LABEL)) {
    const found = nameStartingAt(preamble, label.index + label[0].length);
    if (found?.legalForm) add(found.name, label[1]!.charAt(0).toUpperCase() + label[1]!.slice(1).toLowerCase(), false);
  }
  return parties;
}
