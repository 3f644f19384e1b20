import { z } from 'zod';
import { Fragments } from './fragments.js';
import { Pattern, patternWith } from './pattern.js';

/** A cue phrase with its weight in the locate score (negative weights count against). */
export const WeightedCue = patternWith({ weight: z.number().min(-10).max(10) });

/**
 * A rule holds when, inside one sentence (or `window` consecutive sentences), every `all` pattern
 * matches and no `none` pattern does. In a rule's pattern, `{definedTerms}` stands for the terms
 * the document defines with the clause's own words (see `learnDefinedTerms`), so that "comply with
 * all Applicable Laws" reads as export control where "Applicable Laws" is defined with export laws.
 */
export const ElementRule = z.object({
  all: z.array(Pattern).min(1),
  none: z.array(Pattern).default([]),
  window: z.number().int().min(1).max(3).default(1),
  /**
   * When given, the rule holds only in a section whose heading (or an enclosing section's) matches
   * one of these: "comply with all applicable laws" states export compliance under "Export
   * Compliance", not under "General".
   */
  heading: z.array(Pattern).default([]),
});

export const ElementDefinition = z.object({
  id: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'element ids are camelCase'),
  title: z.string().min(1),
  /** One line saying what the element means, shown beside the checkbox. */
  explanation: z.string().min(1),
  rules: z.array(ElementRule).min(1),
  /**
   * `operative`: the rules read only the provision's first operative sentence (one matching the
   * clause type's `operative` patterns: the excuse itself), and the element is absent without one;
   * "who is excused" is said there, not in a notice duty, a termination right or a consequence
   * that either party may rely on.
   */
  judgeOn: z.enum(['provision', 'operative']).default('provision'),
  /**
   * The element may also be stated outside the provision: in any sentence of the document that names
   * one of `tie` or, with `definedTerms`, one of the clause's defined terms (a termination right for a
   * prolonged force majeure in the Term article; a right to cancel when an export licence is refused).
   */
  anywhere: z.object({ tie: z.array(Pattern).default([]), definedTerms: z.boolean().default(false) }).optional(),
  /**
   * Sentences that never state the element, whoever reads them: the rules (as if in every rule's
   * `none`) and the sentence classifier alike. The rubric's conventions belong here ("a right to
   * terminate for breach of the export clause is not an export-control remedy"); an exclusion that
   * only keeps one rule from misreading a word stays in that rule's `none`.
   */
  exclude: z.array(Pattern).default([]),
  recommendation: z.string().min(1),
  suggestedWording: z.string().min(1),
  /**
   * The wording as a clause of its own, for an amendment that adds it to a signed contract, when
   * `suggestedWording` is a fragment to splice into the clause (an item of the event list).
   */
  riderWording: z.string().min(1).optional(),
});

export const VerdictPolicy = z.object({
  /** The clause is `adequate` only when every one of these elements holds; otherwise `weak`. */
  adequateRequires: z.array(z.string()).default([]),
});

export const ClauseType = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'clause type ids are kebab-case'),
    title: z.string().min(1),
    description: z.string().min(1),
    /** Headings that name this clause ("Force Majeure", "Excusable Delays"). */
    headingCues: z.array(Pattern).min(1),
    /** Phrases in a clause body that point to this clause type, with weights (negative weights count against). */
    cues: z.array(WeightedCue).min(1),
    /** A candidate must match at least one of these; it keeps near misses out. */
    gate: z.array(Pattern).min(1),
    /**
     * Defining phrases that count only in a section whose heading names the clause: "Supplier shall
     * obtain all export licences" under "Export Licences" is an export-control provision, the same
     * sentence in a delivery clause is not (RUBRIC convention 1).
     */
    headingGate: z
      .object({
        /** Headings under which the phrases count ("Export Licences", "Export Control"). */
        headings: z.array(Pattern).min(1),
        phrases: z.array(Pattern).min(1),
      })
      .nullable()
      .default(null),
    /** When given, a candidate must also match one of these: the words that make it operative (an excuse, a duty). */
    operative: z.array(Pattern).default([]),
    /**
     * Sentences that belong to the provision although they excuse nothing: a duty of the party
     * affected by the event. They make a candidate operative, so that a contract (or excerpt) that
     * holds only the notice or mitigation sub-clause still has the provision.
     */
    duties: z.array(Pattern).default([]),
    /**
     * Lead-ins that grant a right item by item ("This Agreement may be terminated:"): an item of
     * their list that uses the clause's defining words is operative when it reads as operative
     * together with its lead-in ("(c) by either party, if a Force Majeure Event lasts more than
     * six months"). Other lead-ins are not read with their items: a list of warranty exclusions
     * naming fires and floods is no excuse.
     */
    operativeLeadIns: z.array(Pattern).default([]),
    /**
     * Openings of a paragraph that follows a located part and goes on about it ("In the event of a
     * significant delay, we will contact you and take reasonable steps to …"; "It is the Buyer's
     * responsibility to … obtain export licenses" below an ITAR notice): the paragraph right after
     * the part, at the same level, joins the provision when it opens so. Without them, untitled web
     * terms lose the duties written one paragraph down.
     */
    followUps: z.array(Pattern).default([]),
    /**
     * Also take as defined terms of this clause the terms a document defines with the clause's own
     * words ("Contingency" means any event not within the reasonable control of ...).
     */
    learnDefinedTerms: z.boolean().default(false),
    /**
     * A definition of the clause's term found with no clause that uses it stands for the provision,
     * marked for review: a force-majeure definition lists what excuses ("Force Majeure Event" means
     * … including strikes, changes in law, failures of suppliers), so an excerpt of the definitions
     * is not "missing". Where a definition only names laws ("Sanctions" means …), leave it false.
     */
    definitionAlone: z.boolean().default(false),
    /**
     * A passage with the clause's defining words whose cues reach the threshold, in which the
     * rules recognise nothing operative (no excuse, no duty they can read), stands for the
     * provision when nothing else does, marked for review: web terms excuse delays in more ways
     * than any list of phrasings holds ("all sales are subject to strikes, accidents …", "force
     * majeure circumstances also include …"), and "missing" is the costlier error.
     */
    wordsAlone: z.boolean().default(false),
    /**
     * Sentences that belong to another clause type: they are left out of a candidate before its
     * gate, cues and elements are read (an event list in a force-majeure excuse names embargoes,
     * but is no export-control provision; the export sentence beside it in a "General" section is).
     */
    excludeSentences: z.array(Pattern).default([]),
    /**
     * Clause types (earlier in the library) whose located provisions this one leaves alone: a
     * sentence inside one of them that uses this clause's defining words is theirs ("embargoes"
     * among force-majeure events), unless it matches one of `unless` (a duty to comply with export law).
     */
    yieldTo: z
      .object({
        clauseTypes: z.array(z.string().min(1)).min(1),
        unless: z.array(Pattern).default([]),
      })
      .optional(),
    /** Defined terms whose definitions belong to the clause ("Force Majeure Event"). */
    definedTerms: z.array(Pattern).default([]),
    /** Phrases that tie a sentence elsewhere to this clause (cross-references such as "a Force Majeure Event"). */
    referenceCues: z.array(Pattern).default([]),
    /** Model clauses written for similarity scoring (TF-IDF); they describe the clause type, not any contract. */
    referenceTexts: z.array(z.string().min(40)).min(1),
    /** Minimum locate score for a candidate to count as this clause. */
    threshold: z.number().positive(),
    /**
     * Elements that weigh like cues when one of their rules holds in a candidate: a sentence in the
     * clause's words that also states one of its elements (a re-export ban, a right to cancel when a
     * licence is refused) is the provision even when it is a single line without the clause's name.
     */
    elementCues: z
      .object({
        elements: z.array(z.string().min(1)).min(1),
        weight: z.number().positive(),
      })
      .optional(),
    elements: z.array(ElementDefinition).min(1),
    policy: VerdictPolicy,
    recommendationWhenMissing: z.string().min(1),
    suggestedClause: z.string().min(1),
  })
  .superRefine((clauseType, context) => {
    const ids = clauseType.elements.map((element) => element.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        context.addIssue({ code: 'custom', path: ['elements', index, 'id'], message: `duplicate element id "${id}"` });
      }
    });
    clauseType.elementCues?.elements.forEach((id, index) => {
      if (!ids.includes(id)) {
        context.addIssue({
          code: 'custom',
          path: ['elementCues', 'elements', index],
          message: `names element "${id}", which this clause type does not define`,
        });
      }
    });
    clauseType.policy.adequateRequires.forEach((id, index) => {
      if (!ids.includes(id)) {
        context.addIssue({
          code: 'custom',
          path: ['policy', 'adequateRequires', index],
          message: `names element "${id}", which this clause type does not define`,
        });
      }
    });
  });

export const ClauseLibrary = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    title: z.string().min(1),
    /** Languages (ISO 639-3) the patterns are written for; a document in another language gets findings marked for review. */
    languages: z.array(z.string().regex(/^[a-z]{3}$/)).default(['eng']),
    /** The frame of the draft amendment in each fix pack: its title, the opening words and the closing words. */
    /** Named pieces of pattern that patterns use as `{fragment:name}` (see fragments.ts). */
    fragments: Fragments.optional(),
    rider: z
      .object({
        title: z.string().min(1),
        preamble: z.string().min(1),
        closing: z.string().min(1),
      })
      .optional(),
    clauseTypes: z.array(ClauseType).min(1),
  })
  .superRefine((library, context) => {
    const ids = library.clauseTypes.map((clauseType) => clauseType.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        context.addIssue({ code: 'custom', path: ['clauseTypes', index, 'id'], message: `duplicate clause type id "${id}"` });
      }
    });
    // Clause types are analysed in order: a type can only yield to one located before it.
    library.clauseTypes.forEach((clauseType, index) => {
      clauseType.yieldTo?.clauseTypes.forEach((id, position) => {
        if (!ids.slice(0, index).includes(id)) {
          context.addIssue({
            code: 'custom',
            path: ['clauseTypes', index, 'yieldTo', 'clauseTypes', position],
            message: `names "${id}", which is not a clause type listed before "${clauseType.id}"`,
          });
        }
      });
    });
  });

export type ClauseLibrary = z.infer<typeof ClauseLibrary>;
export type ClauseType = z.infer<typeof ClauseType>;
export type ElementDefinition = z.infer<typeof ElementDefinition>;
export type ElementRule = z.infer<typeof ElementRule>;
export type WeightedCue = z.infer<typeof WeightedCue>;
