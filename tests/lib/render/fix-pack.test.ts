import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { loadDefaultLibrary } from '../../../lib/library/load.js';
import { FIX_PACK_AUTHOR, renderFixPack } from '../../../lib/render/fix-pack.js';
import { officeText } from '../../../lib/render/office-text.js';
import { riderClauses } from '../../../lib/render/rider.js';
import { analyzeFixture, analyzeText } from '../../helpers/fixtures.js';

const library = loadDefaultLibrary();

async function open(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const part = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return { document: await part('word/document.xml'), comments: await part('word/comments.xml'), settings: await part('word/settings.xml'), text };
}

describe('renderFixPack', () => {
  it('writes each clause of the amendment as a tracked insertion by clausewatch, dated with the analysis, with a comment naming its gap', async () => {
    const { report } = await analyzeFixture('excusable-delay.txt');
    const clauses = riderClauses(report, library);
    expect(clauses.length).toBeGreaterThan(1);
    const { document, comments, settings, text } = await open((await renderFixPack(report, library))!);

    const insertions = [...document.matchAll(/<w:ins ([^>]*)>/g)].map((match) => match[1]!);
    expect(insertions).toHaveLength(2 * clauses.length);
    const date = `${report.analyzedAt.slice(0, 19)}Z`;
    for (const attributes of insertions) {
      expect(attributes).toContain(`w:author="${FIX_PACK_AUTHOR}"`);
      expect(attributes).toContain(`w:date="${date}"`);
    }
    // Every insertion holds text (not an empty mark), and ids are unique across insertions and comments.
    expect([...document.matchAll(/<w:ins [^>]*>([\s\S]*?)<\/w:ins>/g)].every((match) => /<w:t[ >][^<]+<\/w:t>/.test(match[1]!))).toBe(true);
    const ids = [...document.matchAll(/<w:ins w:id="(\d+)"/g)].map((match) => match[1]);
    const commentIds = [...comments.matchAll(/<w:comment w:id="(\d+)"/g)].map((match) => match[1]);
    expect(new Set([...ids, ...commentIds]).size).toBe(ids.length + commentIds.length);
    expect(commentIds).toHaveLength(clauses.length);
    for (const clause of clauses) {
      expect(comments).toContain(clause.element ? `${clause.clauseType}.${clause.element}` : `(${clause.clauseType})`);
      expect(text).toContain(officeText(clause.wording));
    }
    expect(settings).toContain('<w:trackRevisions/>');

    // The cover memo: verdicts, evidence quoted with its place, what is missing.
    expect(text).toContain('Contract fix pack');
    expect(text).toContain('excusable-delay.txt');
    let quoted = 0;
    for (const finding of report.findings) {
      expect(text).toContain(`${finding.title}\n`);
      expect(text).toContain(officeText(finding.excerpt!, 600));
      for (const element of finding.elements.filter((candidate) => candidate.evidence)) {
        expect(text).toContain(`${element.title}: “${officeText(element.evidence!.quote, 600)}”`);
        quoted++;
      }
    }
    expect(quoted).toBeGreaterThan(2);
    expect(text).toContain('Weak');
    expect(text).toContain('Not found:');
  });

  it('writes nothing when every clause is adequate', async () => {
    const { report } = await analyzeFixture('strong-fm.txt');
    const adequate = { ...report, findings: report.findings.map((finding) => ({ ...finding, verdict: 'adequate' as const })) };
    expect(await renderFixPack(adequate, library)).toBeNull();
  });

  it('keeps hostile contract text inert: markup stays text, characters XML cannot hold are replaced, long quotes are cut', async () => {
    const long = 'very long words '.repeat(400);
    const hostile = [
      '14. FORCE MAJEURE',
      `Neither party is liable for delay caused by events beyond its reasonable control such as fire, flood</w:t></w:r><w:r><w:t>INJECTED & "quoted" ]]> \u0001\u0008 =HYPERLINK("http://x") ${long}.`,
      'The affected party shall notify the other party promptly.',
    ].join('\n');
    const { report } = await analyzeText(hostile, 'contract <w:p>&"name"\u0002.txt');
    const bytes = (await renderFixPack(report, library))!;
    const { document, text } = await open(bytes);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters XML cannot hold
    expect(document).not.toMatch(/[\u0000-\u0008]/);
    expect(document).not.toContain('<w:t>INJECTED');
    expect(document).toContain('&lt;/w:t&gt;&lt;/w:r&gt;');
    expect(text).toContain('</w:t></w:r><w:r><w:t>INJECTED & "quoted" ]]>');
    expect(text).toContain('contract <w:p>&"name"\uFFFD.txt');
    expect(text).not.toContain(long.trim());
  });
});
