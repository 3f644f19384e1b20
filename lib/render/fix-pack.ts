import {
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ClauseLibrary } from '../library/schema.js';
import type { Finding, Report } from '../report/schema.js';
import { EXPOSURE_LABEL, formatEvidencePlace, formatPlace, formatTimestamp, HEADER_TINT, SEVERITY_LABEL, VERDICT_LABEL, VERDICT_TINT } from './format.js';
import { officeText } from './office-text.js';
import { riderClauses, type RiderClause } from './rider.js';

/*
 * The fix pack: what a lawyer sends on, in Word. A cover memo (verdicts, severity and exposure; what
 * the contract says now, quoted with section and page; what is missing) and a draft amendment whose
 * clauses are the clause library's wording for each gap, each one a tracked insertion by
 * "clausewatch" dated with the analysis, with a comment naming the gap it closes, so that every
 * clause can be accepted or rejected on its own in Word or LibreOffice.
 */

export const FIX_PACK_AUTHOR = 'clausewatch';

/** Tracked changes and comments share one id space in a document: insertions are numbered after the comments. */
const REVISION_IDS = 10_000;
/** A quote of contract text longer than this is shortened in the memo. */
const MAX_QUOTE = 600;
const CELL_MARGIN = { top: 60, bottom: 60, left: 100, right: 100 };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

/** Column widths of the verdict table (twentieths of a point): the text columns get the room. */
const SUMMARY_COLUMNS = [1900, 1000, 1000, 2500, 2600];

function cell(text: string, options: { bold?: boolean; fill?: string; width?: number } = {}): TableCell {
  return new TableCell({
    margins: CELL_MARGIN,
    ...(options.width ? { width: { size: options.width, type: WidthType.DXA } } : {}),
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN },
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } } : {}),
    children: [new Paragraph({ children: [new TextRun({ text: officeText(text, 2_000), bold: options.bold ?? false })] })],
  });
}

function summaryTable(report: Report): Table {
  const header = new TableRow({
    tableHeader: true,
    children: ['Clause', 'Verdict', 'Severity', 'Required elements missing', 'Check before relying on it'].map((title, column) =>
      cell(title, { bold: true, fill: HEADER_TINT, width: SUMMARY_COLUMNS[column]! }),
    ),
  });
  const rows = report.findings.map((finding) => {
    const missingRequired = finding.elements.filter((element) => element.required && !element.present).map((element) => element.title);
    return new TableRow({
      children: [
        cell(finding.title, { width: SUMMARY_COLUMNS[0]! }),
        cell(VERDICT_LABEL[finding.verdict].word, { fill: VERDICT_TINT[finding.verdict], width: SUMMARY_COLUMNS[1]! }),
        cell(SEVERITY_LABEL[finding.severity], { width: SUMMARY_COLUMNS[2]! }),
        cell(finding.verdict === 'missing' ? 'the whole clause' : missingRequired.join(', ') || 'none', { width: SUMMARY_COLUMNS[3]! }),
        cell(finding.review.needed ? finding.review.reasons.map((reason) => reason.message).join(' ') : 'no', { width: SUMMARY_COLUMNS[4]! }),
      ],
    });
  });
  return new Table({
    columnWidths: SUMMARY_COLUMNS,
    width: { size: SUMMARY_COLUMNS.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    rows: [header, ...rows],
  });
}

function paragraph(text: string, options: { bold?: boolean; italics?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}): Paragraph {
  return new Paragraph({
    ...(options.heading ? { heading: options.heading } : {}),
    spacing: { after: 120 },
    children: [new TextRun({ text: officeText(text), bold: options.bold ?? false, italics: options.italics ?? false })],
  });
}

/** What the contract says now: each element it holds, quoted with its section and page. */
function evidenceParagraphs(finding: Finding): Paragraph[] {
  if (!finding.present) return [paragraph(`${finding.title}: the contract has no such clause.`, { italics: true })];
  const held = finding.elements.filter((element) => element.present && element.evidence);
  const lines = held.map(
    (element) =>
      new Paragraph({
        bullet: { level: 0 },
        spacing: { after: 80 },
        children: [
          new TextRun({ text: `${officeText(element.title)}: `, bold: true }),
          new TextRun({ text: `“${officeText(element.evidence!.quote, MAX_QUOTE)}” ` }),
          new TextRun({ text: `(${formatEvidencePlace(element.evidence!)})`, italics: true }),
        ],
      }),
  );
  const missing = finding.elements.filter((element) => !element.present);
  return [
    paragraph(`${finding.title} (${formatPlace(finding.location?.section ?? null, finding.location?.page ?? null)})`, { heading: HeadingLevel.HEADING_3 }),
    ...(finding.excerpt ? [paragraph(`“${officeText(finding.excerpt, MAX_QUOTE)}”`, { italics: true })] : []),
    ...lines,
    ...(missing.length > 0
      ? [paragraph(`Not found: ${missing.map((element) => `${element.title}${element.required ? ' (required)' : ''}`).join('; ')}.`, { italics: true })]
      : []),
  ];
}

function partyNames(report: Report): string[] {
  const names = report.document.parties.map((party) => officeText(party.name, 120));
  return names.length >= 2 ? names.slice(0, 4) : ['First Party', 'Second Party'];
}

/** Whether the wording opens with its own title ("Export Control and Sanctions. (a) …"), so the heading would repeat it. */
function titled(clause: RiderClause): boolean {
  return clause.wording.toLowerCase().startsWith(clause.heading.toLowerCase());
}

/** The date of the tracked changes: the analysis time, to the second, in UTC. */
function revisionDate(report: Report): string {
  return `${report.analyzedAt.slice(0, 19)}Z`;
}

/**
 * The fix pack of one report as DOCX bytes, or null when there is nothing to fix (every clause
 * adequate) or the report is an error report. `library` supplies wording written as a clause of its
 * own where the report's wording is a fragment; without it the report's wording is used.
 */
export async function renderFixPack(report: Report, library: ClauseLibrary | null = null): Promise<Uint8Array | null> {
  const clauses = riderClauses(report, library);
  if (clauses.length === 0) return null;
  const date = revisionDate(report);
  const name = officeText(report.document.name, 300);
  const rider = library?.rider ?? {
    title: 'Amendment to the Agreement',
    preamble: 'The Agreement is amended as follows.',
    closing: 'Signed for and on behalf of each party.',
  };

  const memo = [
    paragraph('Contract fix pack', { heading: HeadingLevel.TITLE }),
    paragraph(`Contract: ${name}`, { bold: true }),
    paragraph(
      `Analysed ${formatTimestamp(report.analyzedAt)} by ${report.analyzer.name} ${report.analyzer.version} with clause library ${report.library.version}. ` +
        "The draft amendment below uses the library's recommended wording: a starting point for counsel, not legal advice.",
      { italics: true },
    ),
    paragraph('Verdicts', { heading: HeadingLevel.HEADING_2 }),
    summaryTable(report),
    paragraph(
      report.exposure
        ? `Exposure to export controls on critical materials: ${EXPOSURE_LABEL[report.exposure.level]}. ${officeText(report.exposure.rationale, 600)}`
        : 'Exposure to export controls on critical materials: not assessed.',
    ),
    paragraph('What the contract says now', { heading: HeadingLevel.HEADING_2 }),
    ...report.findings.flatMap(evidenceParagraphs),
    paragraph('What the amendment adds', { heading: HeadingLevel.HEADING_2 }),
    ...clauses.map(
      (clause, index) =>
        new Paragraph({
          bullet: { level: 0 },
          spacing: { after: 80 },
          children: [new TextRun({ text: `Clause ${index + 1}, ${officeText(clause.heading)}: ${officeText(clause.reason)}` })],
        }),
    ),
  ];

  const amendment = [
    new Paragraph({ children: [new PageBreak()] }),
    paragraph(officeText(rider.title), { heading: HeadingLevel.HEADING_1 }),
    paragraph(`Agreement: ${name}`, { bold: true }),
    paragraph(rider.preamble),
    ...clauses.map(
      (clause, index) =>
        new Paragraph({
          spacing: { after: 160 },
          children: [
            new CommentRangeStart(index),
            new InsertedTextRun({
              id: REVISION_IDS + 2 * index,
              author: FIX_PACK_AUTHOR,
              date,
              text: `${index + 1}. ${titled(clause) ? '' : `${officeText(clause.heading)}. `}`,
              bold: true,
            }),
            new InsertedTextRun({ id: REVISION_IDS + 2 * index + 1, author: FIX_PACK_AUTHOR, date, text: officeText(clause.wording) }),
            new CommentRangeEnd(index),
            new TextRun({ children: [new CommentReference(index)] }),
          ],
        }),
    ),
    paragraph(rider.closing),
    ...partyNames(report).flatMap((party) => [
      paragraph(`For ${party}:`, { bold: true }),
      paragraph('Signature: ____________________________    Date: ______________'),
      paragraph('Name: ____________________________    Title: ____________________________'),
    ]),
  ];

  const document = new Document({
    creator: FIX_PACK_AUTHOR,
    title: `Fix pack: ${name}`,
    description: `Cover memo and draft amendment for ${name}`,
    features: { trackRevisions: true },
    comments: {
      children: clauses.map((clause, index) => ({
        id: index,
        author: FIX_PACK_AUTHOR,
        initials: 'CW',
        date: new Date(date),
        children: [
          paragraph(
            clause.element
              ? `Adds the missing element "${clause.elementTitle}" (${clause.clauseType}.${clause.element}). ${clause.reason}`
              : `Adds the missing ${clause.clauseTitle.toLowerCase()} clause (${clause.clauseType}). ${clause.reason}`,
          ),
        ],
      })),
    },
    sections: [{ children: [...memo, ...amendment] }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
