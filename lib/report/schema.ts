import { z } from 'zod';
import { ErrorCode } from '../errors.js';
import { DetectedType } from '../extract/detect.js';
import { ExposureLevel, Severity, Verdict } from '../vocabulary.js';

/** The shared vocabulary is part of the report's schema. */
export { ExposureLevel, Severity, Verdict };

/** Bumped on any change a consumer could notice; consumers check the major part. */
export const REPORT_SCHEMA_VERSION = '1.6.0';

/** Reports of any 1.x version are read; 1.0.0 reports have no `exposure` (read as null). */
const SCHEMA_VERSION_PATTERN = /^1\.\d+\.\d+$/;

export const Evidence = z
  .object({
    quote: z.string().describe('Exactly text.slice(start, end) of the normalised document text.'),
    page: z.number().int().positive().nullable().describe('1-based page; null for formats without pages (DOCX, text).'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    section: z.string().nullable().describe('Number or heading of the clause the quote sits in.'),
    ocrConfidence: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe("Present when the quote's page was read by OCR: that page's mean OCR confidence, 0–100 (since 1.3.0)."),
  })
  .describe('A verbatim quote from the document and where it is.');

export const Location = z.object({
  section: z.string().nullable().describe('Clause number as written, e.g. "14.2" or "Article XII".'),
  heading: z.string().nullable(),
  page: z.number().int().positive().nullable(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

export const ClausePart = Location.extend({
  role: z
    .enum(['primary', 'related', 'definition', 'reference'])
    .describe(
      'primary: the clause itself; related: another clause of the same type; definition: where its defined term is defined; reference: a sentence elsewhere that refers to it.',
    ),
  score: z.number(),
});

export const ElementResult = z.object({
  id: z.string(),
  title: z.string(),
  present: z.boolean(),
  foundBy: z
    .enum(['rules', 'model'])
    .nullable()
    .default(null)
    .describe(
      "Who found the element: the library's rules or the sentence classifier (then the finding is marked for review); null when absent. Added in 1.2.0.",
    ),
  required: z.boolean().describe('Whether the verdict policy requires this element for `adequate`.'),
  explanation: z.string(),
  evidence: Evidence.nullable(),
});

export const Recommendation = z.object({
  element: z.string().nullable().describe('The missing element this fixes; null for the clause as a whole.'),
  text: z.string(),
  suggestedWording: z.string(),
});

export const SearchRecord = z
  .object({
    sectionsSearched: z.number().int().nonnegative(),
    headingsSearched: z.array(z.string()).describe('Headings of the top-level sections searched (at most 100).'),
    charactersSearched: z.number().int().nonnegative(),
    pagesWithText: z.number().int().nonnegative().nullable(),
    pagesTotal: z.number().int().nonnegative().nullable(),
    nearMisses: z.array(Location.extend({ score: z.number(), reason: z.string() })),
  })
  .describe('Negative evidence for a `missing` verdict: what was searched and how much of the document had text.');

export const ReviewCode = z
  .enum([
    'language_not_covered',
    'text_incomplete',
    'found_by_model',
    'possible_provision',
    'model_disagrees',
    'low_confidence',
    'thin_evidence',
    'ocr_low_confidence',
    'near_miss',
    'definition_only',
    'words_only',
  ])
  .describe(
    "language_not_covered: the document is in a language the clause library does not cover; text_incomplete: pages without text were not searched; found_by_model: the sentence classifier found what the rules did not; possible_provision: the classifier sees a provision the rules did not accept; model_disagrees: the rules and the classifier disagree on the clause or an element; low_confidence: the clause was only just recognised; thin_evidence: the provision states almost nothing that can be checked; ocr_low_confidence: the text the finding rests on (or, for a missing clause, some page) was read by OCR with low confidence (since 1.3.0); near_miss: no clause was accepted, but a passage uses its defining words and came close (since 1.4.0); definition_only: only the definition of the clause's term was found, with no clause that uses it, and stands for the provision (since 1.5.0); words_only: the provision was taken on its words alone (its defining phrases and cues), with nothing it excuses or requires that the rules could read (since 1.6.0).",
  );

export const ReviewReason = z.object({
  code: ReviewCode,
  message: z.string().describe('What to check, in one sentence.'),
  element: z.string().nullable().describe('The element concerned, or null for the clause.'),
  location: Location.nullable().describe('Where to look, when the reason points at a passage.'),
});

export const Review = z
  .object({
    needed: z.boolean(),
    reasons: z.array(ReviewReason),
  })
  .describe('Whether a person should check this finding before relying on it, and why.');

export const Finding = z.object({
  clauseType: z.string(),
  title: z.string(),
  present: z.boolean(),
  verdict: Verdict,
  severity: Severity,
  severityReason: z
    .string()
    .describe("Why this severity, in one sentence: the verdict combined with the contract's exposure, by the watchlist's severity rules."),
  confidence: z.number().min(0).max(1),
  location: Location.nullable(),
  parts: z.array(ClausePart),
  excerpt: z.string().nullable().describe('The primary clause text, shortened to at most 1,500 characters.'),
  elements: z.array(ElementResult),
  missingElements: z.array(z.string()),
  recommendations: z.array(Recommendation),
  rationale: z.array(z.string()).describe('Why the clause was located and graded as it was.'),
  searched: SearchRecord.nullable(),
  review: Review.default({ needed: false, reasons: [] }).describe('Added in 1.2.0; reports written before say nothing (read as not needed).'),
});

export const RegimeStatus = z
  .enum(['in_force', 'suspended', 'lifted', 'not_yet_in_force'])
  .describe('The state of the control on the analysis date, judged from the watchlist dates (a suspension ends after its last day).');

export const ExposureRegime = z.object({
  id: z.string(),
  title: z.string(),
  jurisdiction: z.string().describe('The jurisdiction that imposes it: CN, EU, US.'),
  status: RegimeStatus,
  statusNote: z.string().describe('The status in one sentence, with its dates.'),
  source: z.string().describe('The official document, and its URL where known.'),
  destinations: z.array(z.string()).nullable().describe('Country codes the control is limited to, or null for exports anywhere.'),
  verified: z
    .object({
      by: z.enum(['source', 'unverified']),
      source: z.string().nullable(),
      checkedOn: z.string(),
    })
    .nullable()
    .default(null)
    .describe("Whether the entry's dates and status were checked against a published source, which, and when; added in 1.2.0."),
});

export const ExposureMaterial = z.object({
  id: z.string(),
  name: z.string(),
  terms: z.array(z.string()).describe('The words the contract uses for it, as written (at most 10).'),
  regimes: z.array(ExposureRegime).describe('The watchlisted controls that cover it, with their status on the analysis date.'),
  evidence: z.array(Evidence).describe('Where it is named (at most 5); each quote is the sentence, or the part of it around the term.'),
});

export const CountryRole = z
  .enum(['origin', 'supply', 'destination', 'party', 'governingLaw', 'mentioned'])
  .describe(
    'origin: where the goods are made or mined; supply: where they are sourced or shipped from; destination: where they are delivered (added in 1.2.0); party: where a party is incorporated or has its address; governingLaw: the law chosen; mentioned: an unmistakable name without one of these contexts.',
  );

export const ExposureCountry = z.object({
  code: z.string(),
  name: z.string(),
  role: CountryRole,
  controlsCriticalMaterials: z.boolean().describe('Whether the country imposes a critical-material export control in force on the analysis date.'),
  evidence: z.array(Evidence).describe('Where it is named in this role (at most 5).'),
});

export const GoverningLaw = z.object({
  jurisdiction: z.string().describe('The law chosen, as written ("German law", "State of Ohio").'),
  countryCode: z.string().nullable().describe('Its country, when the watchlist knows it.'),
  evidence: Evidence,
});

export const Exposure = z
  .object({
    level: ExposureLevel,
    materials: z.array(ExposureMaterial),
    countries: z.array(ExposureCountry),
    governingLaw: GoverningLaw.nullable(),
    watchlist: z.object({ id: z.string(), version: z.string() }),
    rationale: z.string().describe('Why the level is what it is, in one sentence.'),
  })
  .describe('Which export controls on critical materials the contract is exposed to, from the exposure watchlist.');

export const DocumentFacts = z.object({
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .describe('Null only when the bytes could not be read at all.'),
  detectedType: DetectedType,
  pages: z.number().int().nonnegative().nullable(),
  pagesWithoutText: z.array(z.number().int().positive()),
  characters: z.number().int().nonnegative(),
  language: z.string().nullable().describe('ISO 639-3 code of the main language, or null when unsure.'),
  parties: z
    .array(z.object({ name: z.string(), role: z.string() }))
    .default([])
    .describe('Contracting parties defined in the preamble ("ACME GMBH, … (the "Supplier")"), as far as found.'),
  extractionNotes: z.array(z.string()),
  ocr: z
    .object({
      engine: z.string().describe('"tesseract" (local) or "textract" (AWS).'),
      pages: z.array(
        z.object({
          page: z.number().int().positive(),
          confidence: z.number().min(0).max(100).describe('Mean word confidence, 0–100.'),
          read: z.boolean().describe('False when OCR found no usable text (blank, or below the confidence floor): the page stays in pagesWithoutText.'),
        }),
      ),
    })
    .nullable()
    .default(null)
    .describe('The pages without a text layer that were read by OCR; null when none was (since 1.3.0).'),
});

export const Timings = z.object({
  extractMs: z.number().nonnegative(),
  segmentMs: z.number().nonnegative(),
  analyzeMs: z.number().nonnegative(),
  totalMs: z.number().nonnegative(),
});

export const ReportError = z.object({ code: ErrorCode, message: z.string() });

export const Source = z
  .object({
    bucket: z.string(),
    key: z.string(),
    versionId: z.string().nullable(),
    eTag: z.string().nullable(),
    sequencer: z.string().nullable().describe('The S3 event sequencer; a later event for the same key has a greater one.'),
  })
  .describe('The stored object this report describes (null for local files).');

export const Report = z
  .object({
    schemaVersion: z
      .string()
      .regex(SCHEMA_VERSION_PATTERN, 'a 1.x schema version')
      .describe(`This analyzer writes ${REPORT_SCHEMA_VERSION}; readers accept every 1.x report.`),
    analyzedAt: z.iso.datetime(),
    analyzer: z.object({ name: z.literal('clausewatch'), version: z.string() }),
    library: z.object({ id: z.string(), version: z.string(), source: z.string() }),
    timings: Timings,
    document: DocumentFacts,
    source: Source.nullable(),
    status: z.enum(['ok', 'error']),
    error: ReportError.nullable(),
    summary: z.object({
      overallSeverity: Severity.nullable(),
      verdicts: z.record(z.string(), Verdict),
      sections: z.number().int().nonnegative(),
      reviewNeeded: z.boolean().default(false).describe('Whether any finding needs a review (added in 1.2.0).'),
    }),
    findings: z.array(Finding),
    exposure: Exposure.nullable().default(null).describe('Null for error reports (and in 1.0.0 reports, which predate it).'),
  })
  .superRefine((report, context) => {
    if (report.status === 'error' && (report.error === null || report.findings.length > 0)) {
      context.addIssue({ code: 'custom', path: ['error'], message: 'an error report has an error and no findings' });
    }
    if (report.status === 'ok' && report.error !== null) {
      context.addIssue({ code: 'custom', path: ['error'], message: 'an ok report has no error' });
    }
    if (report.status === 'error' && report.exposure !== null) {
      context.addIssue({ code: 'custom', path: ['exposure'], message: 'an error report has no exposure' });
    }
    if (report.status === 'ok' && report.exposure === null && report.schemaVersion !== '1.0.0') {
      context.addIssue({ code: 'custom', path: ['exposure'], message: `an ok report of schema ${report.schemaVersion} has an exposure section` });
    }
  });

export type Report = z.infer<typeof Report>;
export type Finding = z.infer<typeof Finding>;
export type Evidence = z.infer<typeof Evidence>;
export type ElementResult = z.infer<typeof ElementResult>;
export type DocumentFacts = z.infer<typeof DocumentFacts>;
export type ClausePart = z.infer<typeof ClausePart>;
export type SearchRecord = z.infer<typeof SearchRecord>;
export type Location = z.infer<typeof Location>;
export type Source = z.infer<typeof Source>;
export type Exposure = z.infer<typeof Exposure>;
export type ExposureMaterial = z.infer<typeof ExposureMaterial>;
export type ExposureCountry = z.infer<typeof ExposureCountry>;
export type ExposureRegime = z.infer<typeof ExposureRegime>;
export type CountryRole = z.infer<typeof CountryRole>;
export type RegimeStatus = z.infer<typeof RegimeStatus>;
export type GoverningLaw = z.infer<typeof GoverningLaw>;
export type Review = z.infer<typeof Review>;
export type ReviewReason = z.infer<typeof ReviewReason>;
export type ReviewCode = z.infer<typeof ReviewCode>;

/** The report format as JSON Schema (draft 2020-12), for consumers outside TypeScript. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://clausewatch.dev/schema/report-${REPORT_SCHEMA_VERSION}.json`,
    title: 'clausewatch report',
    ...z.toJSONSchema(Report, { target: 'draft-2020-12', io: 'input' }),
  };
}
