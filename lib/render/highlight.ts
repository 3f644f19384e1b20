import type { ElementResult, Finding } from '../report/schema.js';

/** An element's evidence as offsets into the excerpt. */
export interface ExcerptHighlight {
  element: ElementResult;
  start: number;
  end: number;
}

export interface EvidencePlacement {
  /** Evidence that lies wholly inside the excerpt, in order of position. */
  inside: ExcerptHighlight[];
  /** Present elements whose evidence is elsewhere (another part of the clause, or past the shortened excerpt). */
  outside: ElementResult[];
}

/**
 * Which evidence quotes can be highlighted in the excerpt. The excerpt is the document text from
 * `location.start`, so a quote at [start, end) sits at [start - location.start, end - location.start)
 * when it fits; the quote must also equal that slice, so a highlight never marks the wrong words.
 */
export function placeEvidence(finding: Pick<Finding, 'excerpt' | 'location' | 'elements'>): EvidencePlacement {
  const placement: EvidencePlacement = { inside: [], outside: [] };
  const { excerpt, location } = finding;
  for (const element of finding.elements) {
    const evidence = element.evidence;
    if (!element.present || !evidence) continue;
    const start = location ? evidence.start - location.start : -1;
    const end = location ? evidence.end - location.start : -1;
    const fits = excerpt !== null && location !== null && start >= 0 && end > start && end <= excerpt.length;
    if (fits && excerpt.slice(start, end) === evidence.quote) placement.inside.push({ element, start, end });
    else placement.outside.push(element);
  }
  placement.inside.sort((a, b) => a.start - b.start || b.end - a.end);
  return placement;
}

/** A run of excerpt text covered by the same set of highlights (none, one, or overlapping ones). */
export interface ExcerptRun {
  text: string;
  /** Highlights covering this run. */
  covering: ExcerptHighlight[];
  /** Highlights that begin at this run, to be labelled here. */
  beginning: ExcerptHighlight[];
}

/** Cuts the excerpt at every highlight boundary, so overlapping quotes (common: one phrase proves two elements) both show. */
export function excerptRuns(excerpt: string, highlights: readonly ExcerptHighlight[]): ExcerptRun[] {
  const cuts = new Set<number>([0, excerpt.length]);
  for (const highlight of highlights) {
    cuts.add(highlight.start);
    cuts.add(highlight.end);
  }
  const points = [...cuts].filter((point) => point >= 0 && point <= excerpt.length).sort((a, b) => a - b);
  const runs: ExcerptRun[] = [];
  for (let index = 0; index + 1 < points.length; index++) {
    const from = points[index]!;
    const to = points[index + 1]!;
    runs.push({
      text: excerpt.slice(from, to),
      covering: highlights.filter((highlight) => highlight.start <= from && highlight.end >= to),
      beginning: highlights.filter((highlight) => highlight.start === from),
    });
  }
  return runs;
}
