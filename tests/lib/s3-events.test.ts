import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portfolioRecordKey } from '../../lib/portfolio/record.js';
import {
  compareSequencers,
  contractName,
  decideEvent,
  decodeS3Key,
  encodeS3Key,
  parseS3Notification,
  renderingKey,
  reportAddress,
  reportKey,
} from '../../lib/s3-events.js';

describe('S3 key decoding', () => {
  it('decodes form-encoded keys: + is a space, then percent escapes', () => {
    expect(decodeS3Key('contracts/acme+corp/Master+Supply%C3%A9+%2B+annex.pdf')).toBe('contracts/acme corp/Master Supplyé + annex.pdf');
    expect(decodeS3Key('contracts/100%25+sure.txt')).toBe('contracts/100% sure.txt');
  });

  it('keeps a malformed escape instead of failing', () => {
    expect(decodeS3Key('contracts/50%+off.pdf')).toBe('contracts/50% off.pdf');
  });

  it('round-trips any key and never throws (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (key) => {
        expect(decodeS3Key(encodeS3Key(key))).toBe(key);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (raw) => {
        expect(typeof decodeS3Key(raw)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});

describe('sequencers', () => {
  it('compares hex sequencers of different lengths as numbers', () => {
    expect(compareSequencers('0A', 'A')).toBe(0);
    expect(compareSequencers('00FF', '0100')).toBe(-1);
    expect(compareSequencers('1000', 'FFF')).toBe(1);
  });

  it('lets only a newer event rewrite a report', () => {
    expect(decideEvent('0B', '0A')).toBe('write');
    expect(decideEvent('0A', '0B')).toBe('older-event');
    expect(decideEvent('0A', '0A')).toBe('duplicate-event');
    expect(decideEvent('0A', null)).toBe('write');
    expect(decideEvent(null, '0A')).toBe('write');
  });
});

describe('notifications', () => {
  const record = (key: string) => ({
    eventName: 'ObjectCreated:Put',
    s3: { bucket: { name: 'b' }, object: { key, size: 10, eTag: 'abc', sequencer: '0A' } },
  });

  it('reads object-created records and decodes their keys', () => {
    const parsed = parseS3Notification(JSON.stringify({ Records: [record('contracts/a+b.pdf'), { ...record('x'), eventName: 'ObjectRemoved:Delete' }] }));
    expect(parsed).toEqual({
      kind: 'objects',
      objects: [{ bucket: 'b', key: 'contracts/a b.pdf', size: 10, eTag: 'abc', versionId: null, sequencer: '0A', eventName: 'ObjectCreated:Put' }],
    });
  });

  it('recognises the S3 test event and rejects other bodies', () => {
    expect(parseS3Notification(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'b' })).kind).toBe('test-event');
    expect(parseS3Notification('not json').kind).toBe('invalid');
    expect(parseS3Notification('{"hello":1}').kind).toBe('invalid');
  });
});

describe('report keys', () => {
  it('maps contracts/<path> to reports/<path>.json', () => {
    expect(reportKey('contracts/acme/msa.pdf')).toBe('reports/acme/msa.pdf.json');
    expect(reportKey('contracts/acme/msa.pdf', undefined, '.html')).toBe('reports/acme/msa.pdf.html');
    expect(contractName('contracts/acme/msa.pdf')).toBe('acme/msa.pdf');
  });

  it('has no report for keys outside the contracts prefix or folder markers', () => {
    expect(reportKey('reports/acme/msa.pdf.json')).toBeNull();
    expect(reportKey('contracts/acme/')).toBeNull();
    expect(reportKey('contracts/')).toBeNull();
  });

  it("works out a contract's name, report and renderings once, under any layout", () => {
    const layout = { contractsPrefix: 'in/', reportsPrefix: 'out/reports/', portfolioRowsPrefix: 'out/rows/' };
    const address = reportAddress('in/team a/msa.json', layout);
    expect(address).toEqual({
      contractKey: 'in/team a/msa.json',
      name: 'team a/msa.json',
      reportKey: 'out/reports/team a/msa.json.json',
      portfolioRowKey: portfolioRecordKey('team a/msa.json', 'out/rows/'),
    });
    expect(renderingKey(address!, '.fixes.docx')).toBe('out/reports/team a/msa.json.fixes.docx');
    expect(reportAddress('contracts/msa.pdf', layout)).toBeNull();
  });
});
