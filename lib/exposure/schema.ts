import { z } from 'zod';
import { ExposureLevel, Severity, Verdict } from '../vocabulary.js';
import { patternWith } from '../library/pattern.js';

/*
 * The exposure watchlist: which materials and products are under export control, by whom, since
 * when and in what state, which countries impose the controls, how the contract text shows that a
 * contract is hit, and how exposure moves a finding's severity. All of it is data
 * (lib/library/exposure-watchlist.json), validated here when loaded, so an update needs no code.
 */

/**
 * A pattern (lib/library/pattern.ts), or a pattern with options: `{ "pattern": "\\bFOB\\b",
 * "caseSensitive": true }` for acronyms; `"preamble": true` for a context cue that counts only in
 * the preamble (see `preambleChars`).
 */
export const Cue = patternWith({ preamble: z.boolean().default(false) });

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'not a calendar date');

const Id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'ids are kebab-case');
const Code = z.string().regex(/^[A-Z]{2}$/, 'a two-letter upper-case code (ISO 3166-1 alpha-2, or EU)');

export const Jurisdiction = z.object({
  code: Code,
  name: z.string().min(1),
});

export const Country = z.object({
  code: Code,
  name: z.string().min(1),
  /** The jurisdictions whose regimes govern exports from this country (China: CN; Germany: EU). */
  jurisdictions: z.array(Code).default([]),
  /** The country's names; each must stand in a role context (origin, supply, party, governing law) to count. */
  names: z.array(Cue).min(1),
  /** Forms that can only mean this country ("People's Republic of China"): they count even without a role context. */
  unambiguous: z.array(Cue).default([]),
  /** Adjectives ("Chinese", "German"): they count only where the words after them give the role ("Chinese origin", "German law"). */
  adjectives: z.array(Cue).default([]),
  /** Cities, ports, provinces and states that stand for the country (Shenzhen, Ganzhou, the State of Ohio). */
  places: z.array(Cue).default([]),
  /** Phrases that contain a name but mean something else ("fine china", "New Jersey", "State of Georgia"): a mention inside one does not count. */
  guards: z.array(Cue).default([]),
  /**
   * For a name that is mostly something else (Georgia, Jersey, Guinea): the mention counts only when
   * one of these also occurs somewhere in the document ("Tbilisi", "Channel Islands").
   */
  confirm: z.array(Cue).default([]),
});

export const Material = z.object({
  id: Id,
  name: z.string().min(1),
  /** A family for grouping in reports ("rare-earths", "battery"). */
  group: z.string().min(1),
  /** Names, synonyms and plurals ("NdFeB", "rare[- ]earth magnets?"). */
  patterns: z.array(Cue).min(1),
  /** Phrases that contain a pattern but do not name the material as goods ("any dual-use items", "dual-use items export control list"). */
  guards: z.array(Cue).default([]),
  note: z.string().optional(),
});

export const Source = z
  .object({
    /** The official document: "MOFCOM/GAC Announcement No. 18 of 2025", "Regulation (EU) 2021/821". */
    reference: z.string().min(1),
    url: z.url().optional(),
  })
  .describe('A public source: an official document number, and a URL where known.');

export const RegimeState = z.enum(['in_force', 'suspended', 'lifted']);

export const Regime = z
  .object({
    id: Id,
    title: z.string().min(1),
    /** The jurisdiction that imposes it (a code of `jurisdictions`). */
    jurisdiction: Code,
    /** `critical-materials`: a control aimed at named materials or products; `dual-use-general`: a general dual-use regime. */
    kind: z.enum(['critical-materials', 'dual-use-general']),
    description: z.string().min(1),
    source: Source,
    /** The first day the control applied. */
    effective: IsoDate,
    /** The state as last checked; judged against the analysis date (see `suspendedUntil`, `liftedOn`). */
    status: RegimeState,
    /** First day of a suspension (defaults to `effective`). */
    suspendedFrom: IsoDate.optional(),
    /** Last day of a suspension: from the next day the control is in force again, unless the watchlist is updated. */
    suspendedUntil: IsoDate.optional(),
    /** Why it is suspended, for the report ("under the US–China arrangement of November 2025"). */
    suspensionReason: z.string().optional(),
    /** The day the control stopped applying for good. */
    liftedOn: IsoDate.optional(),
    /** When set, the control applies only to exports to these countries (a party or the governing law must name one). */
    destinations: z.array(Code).optional(),
    /** Ids of the materials it covers. */
    materials: z.array(Id).min(1),
    /** What is uncertain or approximate about this entry. */
    note: z.string().optional(),
    lastChecked: IsoDate,
    /**
     * Whether the dates and status were checked against a published source (`source`: the
     * announcement, or the report of it that was read) or are as recalled (`unverified`).
     */
    verified: z.object({ by: z.enum(['source', 'unverified']), source: z.string().min(1).nullable(), checkedOn: IsoDate }).superRefine((verified, context) => {
      if (verified.by === 'source' && !verified.source)
        context.addIssue({ code: 'custom', path: ['source'], message: 'a verified entry names the source it was checked against' });
    }),
  })
  .superRefine((regime, context) => {
    if (regime.status === 'suspended' && !regime.suspendedUntil) {
      context.addIssue({ code: 'custom', path: ['suspendedUntil'], message: 'a suspended regime needs suspendedUntil (its last suspended day)' });
    }
    if (regime.status === 'lifted' && !regime.liftedOn) {
      context.addIssue({ code: 'custom', path: ['liftedOn'], message: 'a lifted regime needs liftedOn' });
    }
    if (regime.status !== 'suspended' && (regime.suspendedUntil || regime.suspendedFrom)) {
      context.addIssue({ code: 'custom', path: ['status'], message: `suspension dates are given but status is "${regime.status}"` });
    }
    const from = regime.suspendedFrom ?? regime.effective;
    if (regime.suspendedUntil && regime.suspendedUntil < from) {
      context.addIssue({ code: 'custom', path: ['suspendedUntil'], message: `ends (${regime.suspendedUntil}) before the suspension starts (${from})` });
    }
    if (regime.liftedOn && regime.liftedOn < regime.effective) {
      context.addIssue({ code: 'custom', path: ['liftedOn'], message: `is before the regime took effect (${regime.effective})` });
    }
  });

/** The words in the ~160 characters of the same sentence around a mention that give it a role. */
export const RoleContext = z.object({
  /** Overrides `contexts.maxGap` for this role (governing law wants the law named right after "laws of"). */
  maxGap: z.number().int().min(0).max(400).optional(),
  /** Cues that end shortly before the mention ("manufactured in", "sourced … from", "FOB"). */
  before: z.array(Cue).default([]),
  /** Cues that start right after the mention, tested against the text that follows it ("-origin", ' ("Supplier")'). */
  after: z.array(Cue).default([]),
  /** Cues for adjectives ("Chinese origin"); adjectives ignore `after`. */
  afterAdjective: z.array(Cue).default([]),
});

export const Contexts = z.object({
  /** How far before a mention a cue may end, in characters, within its sentence. */
  maxGap: z.number().int().min(0).max(400),
  /** The preamble, where parties are introduced: up to the first numbered clause, and at least this many characters. */
  preambleChars: z.number().int().min(0),
  /** Words between a cue and the mention that cut the link ("shipped from Hamburg to Shanghai": "to"). */
  blockers: z.array(Cue).default([]),
  /** Words just before a cue that negate it ("shall not be sourced from"). */
  negations: z.array(Cue).default([]),
  origin: RoleContext,
  supply: RoleContext,
  /** Where the goods are delivered: a destination-limited control applies when the contract sends them there. */
  destination: RoleContext,
  party: RoleContext,
  governingLaw: RoleContext.extend({
    /** The sentence must contain one of these ("governed by", "construed"). */
    sentence: z.array(Cue).min(1),
    /** Cues right before a mention that mean another law ("conflict of laws principles of"). */
    excludeBefore: z.array(Cue).default([]),
  }),
});

export const SEVERITY_PLACEHOLDERS = ['clause', 'missing', 'exposure', 'materials', 'countries'] as const;

export const SeverityRule = z.object({
  id: Id,
  when: z.object({
    /** A clause type id, or "*" for every clause type. */
    clauseType: z.string().min(1).default('*'),
    verdict: Verdict,
    /** Exposure levels the rule applies to, or "*" for any. */
    exposure: z.union([z.literal('*'), z.array(ExposureLevel).min(1)]).default('*'),
    /** Element ids the clause must lack (be absent from the finding) for the rule to apply. */
    lacks: z.array(z.string().min(1)).default([]),
  }),
  severity: Severity,
  /**
   * One sentence for the report's severityReason. Placeholders: {clause} (the clause type's title),
   * {missing} (the required elements it lacks), {exposure} (the level), {materials} (named
   * materials, or those that are hit), {countries} (countries of supply or origin that control them).
   */
  reason: z
    .string()
    .min(1)
    .superRefine((reason, context) => {
      for (const [, name] of reason.matchAll(/\{([^}]*)\}/g)) {
        if (!(SEVERITY_PLACEHOLDERS as readonly string[]).includes(name!)) {
          context.addIssue({ code: 'custom', message: `unknown placeholder {${name}}; use ${SEVERITY_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
        }
      }
    }),
});

export const ExposureWatchlist = z
  .object({
    id: z.string().min(1),
    /** Bump on every change: reports record it in `library.version`, so `rescan` re-grades them. */
    version: z.string().regex(/^[0-9A-Za-z.-]+$/, 'letters, digits, dots and hyphens only'),
    title: z.string().min(1),
    jurisdictions: z.array(Jurisdiction).min(1),
    countries: z.array(Country).min(1),
    materials: z.array(Material).min(1),
    regimes: z.array(Regime).min(1),
    contexts: Contexts,
    /** First matching rule wins; every verdict and exposure level must be covered by a rule for every clause type. */
    severityRules: z.array(SeverityRule).min(1),
  })
  .superRefine((watchlist, context) => {
    const unique = (values: string[], path: (index: number) => PropertyKey[], what: string) => {
      values.forEach((value, index) => {
        if (values.indexOf(value) !== index) context.addIssue({ code: 'custom', path: path(index), message: `duplicate ${what} "${value}"` });
      });
    };
    unique(
      watchlist.jurisdictions.map((j) => j.code),
      (i) => ['jurisdictions', i, 'code'],
      'jurisdiction code',
    );
    unique(
      watchlist.countries.map((c) => c.code),
      (i) => ['countries', i, 'code'],
      'country code',
    );
    unique(
      watchlist.materials.map((m) => m.id),
      (i) => ['materials', i, 'id'],
      'material id',
    );
    unique(
      watchlist.regimes.map((r) => r.id),
      (i) => ['regimes', i, 'id'],
      'regime id',
    );
    unique(
      watchlist.severityRules.map((r) => r.id),
      (i) => ['severityRules', i, 'id'],
      'rule id',
    );

    const jurisdictions = new Set(watchlist.jurisdictions.map((j) => j.code));
    const countries = new Set(watchlist.countries.map((c) => c.code));
    const materials = new Set(watchlist.materials.map((m) => m.id));
    watchlist.countries.forEach((country, index) => {
      country.jurisdictions.forEach((code, position) => {
        if (!jurisdictions.has(code)) {
          context.addIssue({
            code: 'custom',
            path: ['countries', index, 'jurisdictions', position],
            message: `names jurisdiction "${code}", which jurisdictions does not define`,
          });
        }
      });
    });
    watchlist.regimes.forEach((regime, index) => {
      if (!jurisdictions.has(regime.jurisdiction)) {
        context.addIssue({ code: 'custom', path: ['regimes', index, 'jurisdiction'], message: `"${regime.jurisdiction}" is not defined in jurisdictions` });
      }
      regime.materials.forEach((id, position) => {
        if (!materials.has(id))
          context.addIssue({
            code: 'custom',
            path: ['regimes', index, 'materials', position],
            message: `names material "${id}", which materials does not define`,
          });
      });
      (regime.destinations ?? []).forEach((code, position) => {
        if (!countries.has(code))
          context.addIssue({
            code: 'custom',
            path: ['regimes', index, 'destinations', position],
            message: `names country "${code}", which countries does not define`,
          });
      });
    });

    // Completeness: for every verdict and exposure level, a rule for every clause type must exist.
    const verdicts = ['missing', 'weak', 'adequate'] as const;
    for (const verdict of verdicts) {
      for (const level of ExposureLevel.options) {
        const covered = watchlist.severityRules.some(
          (rule) =>
            rule.when.clauseType === '*' &&
            rule.when.verdict === verdict &&
            rule.when.lacks.length === 0 &&
            (rule.when.exposure === '*' || rule.when.exposure.includes(level)),
        );
        if (!covered) {
          context.addIssue({
            code: 'custom',
            path: ['severityRules'],
            message: `no rule for clause type "*" covers verdict "${verdict}" with exposure "${level}"`,
          });
        }
      }
    }
  });

export type ExposureWatchlist = z.infer<typeof ExposureWatchlist>;
export type WatchlistCountry = z.infer<typeof Country>;
export type WatchlistMaterial = z.infer<typeof Material>;
export type WatchlistRegime = z.infer<typeof Regime>;
export type WatchlistCue = z.infer<typeof Cue>;
export type SeverityRule = z.infer<typeof SeverityRule>;
export type RoleContext = z.infer<typeof RoleContext>;
