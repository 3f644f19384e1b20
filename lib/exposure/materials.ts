import type { Evidence } from '../report/schema.js';
import type { MaterialSignal } from './signals.js';
import { matches, overlapsAny, ranges } from '../regex.js';
import type { TextIndex } from '../text-index.js';
import { collapse, EVIDENCE_LIMIT, MENTION_LIMIT } from './mentions.js';
import type { CompiledWatchlist } from './watchlist-patterns.js';

/* The watchlisted materials a contract names, with the words it uses and where. */

const TERM_LIMIT = 10;

export function findMaterials(index: TextIndex, compiled: CompiledWatchlist): MaterialSignal[] {
  const text = index.text;
  const signals: MaterialSignal[] = [];
  for (const material of compiled.materials) {
    const patterns = material.patterns.regexesFor(index.words);
    if (patterns.length === 0) continue;
    const guarded = ranges(material.guards.regexesFor(index.words), text);
    const found: Array<{ start: number; end: number; term: string }> = [];
    for (const regex of patterns) {
      for (const match of matches(regex, text)) {
        const start = match.index;
        const end = start + match[0].length;
        if (!overlapsAny(guarded, start, end)) found.push({ start, end, term: collapse(match[0]) });
        if (found.length >= MENTION_LIMIT) break;
      }
    }
    if (found.length === 0) continue;
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const terms = [...new Set(found.map((hit) => hit.term))].slice(0, TERM_LIMIT);
    // One evidence item per sentence.
    const evidence: Evidence[] = [];
    for (const hit of found) {
      if (evidence.length >= EVIDENCE_LIMIT) break;
      const item = index.evidenceAround(hit.start, hit.end);
      if (!evidence.some((other) => other.start <= hit.start && hit.end <= other.end)) evidence.push(item);
    }
    signals.push({ id: material.id, terms, evidence, first: found[0]!.start });
  }
  return signals.sort((a, b) => a.first - b.first);
}
