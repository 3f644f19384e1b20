/** A contracting party named in the preamble, with the role the contract defines for it. */
export interface Party {
  name: string;
  role: string;
}

const ROLES =
  'Supplier|Seller|Buyer|Purchaser|Customer|Vendor|Distributor|Licensor|Licensee|Provider|Recipient|Manufacturer|Company|Contractor|Client|Agent|Principal|Lessor|Lessee';

/** `(the "Supplier")`, `("Buyer")`, `(hereinafter referred to as "Distributor")`. */
const ROLE_DEFINITION = new RegExp(`\\((?:the |hereinafter(?: referred to as| called)?(?: the)? )?["“](${ROLES})["”]\\)`, 'g');

/** Where a party's name may begin: after "between", "by", "and", a closing parenthesis, a semicolon or a line break. */
const NAME_START = /(?:\bbetween\b|\bby\b|\bamong\b|\band\b|\)(?:\s*is\b)?|;|\n)\s*/g;

const PREAMBLE_CHARS = 3_000;
const CONNECTORS = new Set(['of', 'and', 'the', 'de', 'der', 'des', 'du', 'la', 'le', 'und', 'et', 'y', 'für', 'van', 'von']);

/** A company or person name: the words before the first comma or line end, each capitalised (or a connector). */
function nameAt(chunk: string): string | null {
  const name = chunk
    .split(/[,\n]/)[0]!
    .replace(/\s*\(.*$/s, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/['’]s$/, '');
  if (name.length < 3 || name.length > 100 || /[_*[\]"“”]/.test(name)) return null;
  const words = name.split(' ');
  const ok =
    words.every((word, index) => /^[A-Z0-9&]/.test(word) || (index > 0 && CONNECTORS.has(word.toLowerCase()))) &&
    !CONNECTORS.has(words[words.length - 1]!.toLowerCase());
  return ok ? name : null;
}

/** The parties defined in the first part of a contract ("HALDEN METALS AB, ... (the "Supplier")"). */
export function findParties(text: string): Party[] {
  const preamble = text.slice(0, PREAMBLE_CHARS);
  const parties: Party[] = [];
  let previousEnd = 0;
  for (const definition of preamble.matchAll(ROLE_DEFINITION)) {
    const from = Math.max(previousEnd, definition.index - 400);
    const before = preamble.slice(from, definition.index);
    previousEnd = definition.index + definition[0].length;
    // The nearest boundary that starts a real name: addresses and descriptions follow the name
    // after a comma, and a boundary inside them ("England and Wales") starts no name.
    let name: string | null = null;
    for (const boundary of [...before.matchAll(NAME_START)].reverse()) {
      name = nameAt(before.slice(boundary.index + boundary[0].length));
      if (name) break;
    }
    const role = definition[1]!;
    if (name && !parties.some((party) => party.role === role || party.name === name)) parties.push({ name, role });
  }
  return parties;
}
