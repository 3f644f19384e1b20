import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Severity } from '../report/schema.js';
import {
  EXPOSURE_COLOUR,
  EXPOSURE_LABEL,
  EXPOSURE_NAME,
  formatEvidencePlace,
  formatTimestamp,
  HEADER_TINT,
  LEVEL_TINT,
  SEVERITY_LABEL,
  VERDICT_LABEL,
  VERDICT_TINT,
} from '../render/format.js';
import { officeText } from '../render/office-text.js';
import { describeGaps, describeReview, EXPOSURE_LEVELS, type Portfolio, type PortfolioRow, safeRelativeLink, verdictExposureCounts } from './rows.js';

/*
 * portfolio.xlsx: the portfolio as procurement works with it. Sheet "Contracts": one row per
 * contract, frozen header and first column, a filter on every column, verdict, severity and
 * exposure as coloured cells, each verdict cell carrying its evidence (quote, section, page) as a
 * comment, links to each review page and fix pack. Sheet "Counts": contracts by clause type,
 * verdict and exposure with a stacked bar chart of them, and the full breakdown with severity.
 */

export interface PortfolioXlsxOptions {
  generatedAt: string;
  sourceLabel: string;
  /** Origins whose absolute links the workbook may carry (presigned review pages); relative links only by default. */
  linkOrigins?: readonly string[];
}

/** The OOXML paper size code of A3 (ExcelJS's type lists only some sizes). */
const A3 = 8;
/** Excel keeps at most 32,767 characters in a cell; comments are read in a small box. */
const MAX_CELL = 2_000;
const MAX_NOTE = 700;

/** A solid cell fill from an RGB hex colour. */
function fill(rgb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${rgb}` } };
}

function verdictNote(row: PortfolioRow, clauseType: string, title: string): string {
  const verdict = row.verdicts[clauseType];
  if (!verdict) return `${title}: not assessed (${row.errorCode ?? 'no finding of this type'}).`;
  const evidence = row.evidence[clauseType];
  // A portfolio built from stored rows carries no contract text: the quote stays in the report and its review page.
  if (evidence === undefined && verdict !== 'missing')
    return `${title}: ${VERDICT_LABEL[verdict].word.toLowerCase()}. The clause's text is on the review page.`;
  if (verdict === 'missing' || !evidence) return `${title}: ${VERDICT_LABEL[verdict].word.toLowerCase()}. No clause found in the contract.`;
  return officeText(`${title}: ${VERDICT_LABEL[verdict].word.toLowerCase()}. “${officeText(evidence.quote, MAX_NOTE)}” (${formatEvidencePlace(evidence)})`);
}

function contractsSheet(workbook: ExcelJS.Workbook, portfolio: Portfolio, linkOrigins: readonly string[]): void {
  const sheet = workbook.addWorksheet('Contracts', {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    // A3 landscape, one page wide: the columns of a portfolio do not fit a letter page legibly.
    pageSetup: { paperSize: A3 as ExcelJS.PaperSize, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  const showParties = portfolio.rows.some((row) => row.parties.length > 0);
  sheet.columns = [
    { header: 'File', key: 'file', width: 42 },
    ...(showParties ? [{ header: 'Parties', key: 'parties', width: 36 }] : []),
    { header: 'Status', key: 'status', width: 16 },
    ...portfolio.clauseTypes.map((type) => ({ header: type.title, key: `verdict:${type.id}`, width: 18 })),
    { header: 'Missing elements', key: 'gaps', width: 48 },
    { header: 'Overall risk', key: 'severity', width: 13 },
    { header: 'Exposure', key: 'exposure', width: 13 },
    { header: 'Review', key: 'review', width: 30 },
    { header: 'Fix pack', key: 'fixPack', width: 12 },
    { header: 'Analyzed', key: 'analyzed', width: 20 },
    { header: 'Library', key: 'library', width: 30 },
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => (cell.fill = fill(HEADER_TINT)));

  for (const row of portfolio.rows) {
    const added = sheet.addRow({
      file: officeText(row.file, MAX_CELL),
      ...(showParties ? { parties: officeText(row.parties.join('; '), MAX_CELL) } : {}),
      status: row.status === 'ok' ? 'Analyzed' : `Not analyzed: ${row.errorCode ?? 'error'}`,
      ...Object.fromEntries(
        portfolio.clauseTypes.map((type) => [`verdict:${type.id}`, row.verdicts[type.id] ? VERDICT_LABEL[row.verdicts[type.id]!].word : 'Not assessed']),
      ),
      gaps: officeText(describeGaps(row, portfolio.clauseTypes), MAX_CELL),
      severity: row.overallSeverity ? SEVERITY_LABEL[row.overallSeverity] : '',
      exposure: row.exposure ? EXPOSURE_LABEL[row.exposure] : 'Not assessed',
      review: officeText(row.reviewNeeded ? describeReview(row, portfolio.clauseTypes) : '', MAX_CELL),
      fixPack: '',
      analyzed: formatTimestamp(row.analyzedAt),
      library: officeText(`${row.libraryId} ${row.libraryVersion}`, 200),
    });
    const review = safeRelativeLink(row.reviewHref, linkOrigins);
    if (review) {
      const cell = added.getCell('file');
      cell.value = { text: officeText(row.file, MAX_CELL), hyperlink: review, tooltip: 'Open the review page' };
      cell.font = { color: { argb: 'FF1D4ED8' }, underline: true };
    }
    const fixPack = safeRelativeLink(row.fixPackHref, linkOrigins);
    if (fixPack) {
      const cell = added.getCell('fixPack');
      cell.value = { text: 'Fix pack', hyperlink: fixPack, tooltip: 'Open the cover memo and draft amendment (Word)' };
      cell.font = { color: { argb: 'FF1D4ED8' }, underline: true };
    }
    for (const type of portfolio.clauseTypes) {
      const verdict = row.verdicts[type.id];
      const cell = added.getCell(`verdict:${type.id}`);
      if (verdict) cell.fill = fill(VERDICT_TINT[verdict]);
      cell.note = verdictNote(row, type.id, type.title);
    }
    if (row.overallSeverity) added.getCell('severity').fill = fill(LEVEL_TINT[row.overallSeverity]);
    if (row.exposure) added.getCell('exposure').fill = fill(LEVEL_TINT[row.exposure]);
    // One line per contract: a spreadsheet of many contracts is scanned row by row; the full text is in the cell.
    added.alignment = { vertical: 'top' };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
}

function countsSheet(workbook: ExcelJS.Workbook, portfolio: Portfolio, options: PortfolioXlsxOptions): number {
  const sheet = workbook.addWorksheet('Counts', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const bars = verdictExposureCounts(portfolio);
  sheet.columns = [{ width: 34 }, ...EXPOSURE_LEVELS.map(() => ({ width: 13 })), { width: 10 }];
  const header = sheet.addRow(['Contracts by verdict and exposure', ...EXPOSURE_LEVELS.map((level) => EXPOSURE_NAME[level]), 'Total']);
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = fill(HEADER_TINT)));
  for (const bar of bars) {
    sheet.addRow([
      `${bar.clauseType.title}: ${VERDICT_LABEL[bar.verdict].word.toLowerCase()}`,
      ...EXPOSURE_LEVELS.map((level) => bar.counts[level]),
      bar.total,
    ]);
  }
  sheet.addRow([]);
  const breakdownHeader = sheet.addRow(['Clause type', 'Verdict', 'Severity', 'Exposure', 'Contracts']);
  breakdownHeader.font = { bold: true };
  breakdownHeader.eachCell((cell) => (cell.fill = fill(HEADER_TINT)));
  const titles = new Map(portfolio.clauseTypes.map((type) => [type.id, type.title]));
  for (const cell of portfolio.counts.breakdown) {
    sheet.addRow([
      titles.get(cell.clauseType) ?? cell.clauseType,
      VERDICT_LABEL[cell.verdict].word,
      SEVERITY_LABEL[cell.severity as Severity],
      EXPOSURE_NAME[cell.exposure],
      cell.contracts,
    ]);
  }
  sheet.addRow([]);
  sheet.addRow([officeText(`${portfolio.counts.contracts} contracts from ${options.sourceLabel}, built ${formatTimestamp(options.generatedAt)}.`, MAX_CELL)]);
  return bars.length;
}

/** A stacked bar chart of the "Counts" table (rows 2 … rows + 1), one series per exposure level. */
function chartXml(rows: number): string {
  const last = rows + 1;
  const series = EXPOSURE_LEVELS.map((level, index) => {
    const column = String.fromCharCode(66 + index);
    return `<c:ser><c:idx val="${index}"/><c:order val="${index}"/><c:tx><c:strRef><c:f>Counts!$${column}$1</c:f></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="${EXPOSURE_COLOUR[level]}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/><c:cat><c:strRef><c:f>Counts!$A$2:$A$${last}</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>Counts!$${column}$2:$${column}$${last}</c:f></c:numRef></c:val></c:ser>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Contracts by verdict and exposure</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="111"/><c:axId val="222"/></c:barChart><c:catAx><c:axId val="111"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="222"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="t"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="111"/><c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="1"/></c:valAx></c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;
}

function drawingXml(rows: number): string {
  const bottom = Math.max(18, rows * 2 + 6);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>17</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${bottom}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Contracts by verdict and exposure"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
}

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DRAWING_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';

/**
 * Adds the chart to the workbook ExcelJS wrote (ExcelJS writes no charts): a drawing part holding
 * a chart part, referenced from the "Counts" sheet and declared in the content types.
 */
async function withChart(bytes: ArrayBuffer | Uint8Array, sheetPath: string, rows: number): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  zip.file('xl/charts/chart1.xml', chartXml(rows));
  zip.file('xl/drawings/drawing1.xml', drawingXml(rows));
  zip.file(
    'xl/drawings/_rels/drawing1.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>`,
  );
  const sheetName = sheetPath.split('/').pop()!;
  const relsPath = `xl/worksheets/_rels/${sheetName}.rels`;
  const existing = await zip.file(relsPath)?.async('string');
  const relationship = `<Relationship Id="rIdChart1" Type="${DRAWING_TYPE}" Target="../drawings/drawing1.xml"/>`;
  zip.file(
    relsPath,
    existing
      ? existing.replace('</Relationships>', `${relationship}</Relationships>`)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS}">${relationship}</Relationships>`,
  );
  const sheet = (await zip.file(sheetPath)!.async('string'))
    // The drawing element goes before any of the elements the schema puts after it.
    .replace(
      /(<legacyDrawing\b|<legacyDrawingHF\b|<picture\b|<oleObjects\b|<controls\b|<webPublishItems\b|<tableParts\b|<extLst\b|<\/worksheet>)/,
      '<drawing r:id="rIdChart1"/>$1',
    );
  zip.file(
    sheetPath,
    sheet.includes('xmlns:r=')
      ? sheet
      : sheet.replace('<worksheet ', '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '),
  );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** portfolio.xlsx as bytes. */
export async function portfolioXlsx(portfolio: Portfolio, options: PortfolioXlsxOptions): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'clausewatch';
  workbook.created = new Date(options.generatedAt);
  workbook.modified = new Date(options.generatedAt);
  contractsSheet(workbook, portfolio, options.linkOrigins ?? []);
  const rows = countsSheet(workbook, portfolio, options);
  const bytes = await workbook.xlsx.writeBuffer();
  return withChart(bytes as ArrayBuffer, 'xl/worksheets/sheet2.xml', rows);
}
