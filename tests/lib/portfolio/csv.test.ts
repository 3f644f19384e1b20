import { describe, expect, it } from 'vitest';
import { csvField, portfolioCsv, toCsv } from '../../../lib/portfolio/csv.js';
import { buildPortfolio } from '../../../lib/portfolio/rows.js';
import { analyzeFixture } from '../../helpers/fixtures.js';

/** A minimal RFC 4180 reader, to check that what is written reads back as it was meant. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += character;
  }
  return rows;
}

describe('csvField', () => {
  it('leaves plain fields bare', () => {
    expect(csvField('acme/msa.pdf')).toBe('acme/msa.pdf');
  });

  it('quotes fields with commas, quotes, CR or LF and doubles embedded quotes', () => {
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvField('a=b')).toBe('a=b');
  });
});

describe('toCsv', () => {
  it('starts with a UTF-8 byte order mark, ends lines with CRLF and keeps unicode', () => {
    const csv = toCsv(['file', 'note'], [['Norrland–Castellan ÅÄÖ.docx', '契約']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFfile,note\r\nNorrland–Castellan ÅÄÖ.docx,契約\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('reads back field for field, whatever the fields hold', () => {
    const rows = [['a,b', 'say "x"', 'two\r\nlines', '=1+1', 'ü']];
    const parsed = parseCsv(toCsv(['h1', 'h2', 'h3', 'h4', 'h5'], rows).slice(1));
    expect(parsed).toEqual([
      ['h1', 'h2', 'h3', 'h4', 'h5'],
      ['a,b', 'say "x"', 'two\r\nlines', "'=1+1", 'ü'],
    ]);
  });
});

describe('portfolioCsv', () => {
  it('has one row per contract and one verdict column per clause type', async () => {
    const weak = (await analyzeFixture('weak-fm.txt')).report;
    const scanned = (await analyzeFixture('scanned.pdf')).report;
    const csv = portfolioCsv(
      buildPortfolio([
        { file: 'weak, "signed".txt', report: weak, reviewHref: null },
        { file: '=scan.pdf', report: scanned, reviewHref: null },
      ]),
    );
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual([
      'file',
      'parties',
      'status',
      'error code',
      'force-majeure',
      'export-control',
      'missing elements',
      'overall severity',
      'review',
      'exposure',
      'exposure materials',
      'exposure countries',
      'analyzed at',
      'library id',
      'library version',
    ]);
    expect(rows).toHaveLength(2);
    const weakRow = rows.find((row) => row[0] === 'weak, "signed".txt')!;
    expect(weakRow.slice(2, 6)).toEqual(['ok', '', 'weak', 'missing']);
    expect(weakRow[6]).toMatch(/^force-majeure: governmentAction, tradeRestrictions, .*; export-control: no clause$/);
    expect(weakRow[7]).toBe('medium');
    expect(weakRow[8]).toBe('force-majeure: thin evidence');
    expect(weakRow.slice(9, 12)).toEqual(['none', '', '']);
    const scanRow = rows.find((row) => row[0] === "'=scan.pdf")!;
    expect(scanRow.slice(2, 6)).toEqual(['error', 'no_text_layer', '', '']);
  });
});

describe('portfolioCsv: exposure', () => {
  it('has the exposure level, the materials named and the controlling supply countries', async () => {
    const magnets = (await analyzeFixture('rare-earth-magnets.txt')).report;
    const [header, row] = parseCsv(portfolioCsv(buildPortfolio([{ file: 'magnets.txt', report: magnets, reviewHref: null }])).slice(1));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('exposure')).toBe('high');
    expect(cell('exposure materials')).toMatch(/^Rare-earth permanent magnets; .*Dysprosium/);
    expect(cell('exposure countries')).toBe('China');
    expect(cell('library version')).toBe(magnets.library.version);
    expect(cell('library version')).toMatch(/\+wl\./);
  });
});
