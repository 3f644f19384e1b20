import { describe, expect, it } from 'vitest';
import { detectType } from '../../../lib/extract/detect.js';
import { fixtureBytes } from '../../helpers/fixtures.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => new TextEncoder().encode(text);

describe('detectType', () => {
  it('reads real PDF and DOCX fixtures by content', () => {
    expect(detectType(fixtureBytes('strong-fm.pdf'))).toBe('pdf');
    expect(detectType(fixtureBytes('split-fm.docx'))).toBe('docx');
    expect(detectType(fixtureBytes('weak-fm.txt'))).toBe('text');
    expect(detectType(fixtureBytes('logistics-services.md'))).toBe('markdown');
  });

  it('accepts a PDF header after leading junk, as readers do', () => {
    expect(detectType(ascii('garbage\n%PDF-1.7\n'))).toBe('pdf');
  });

  it('names what an unsupported file is', () => {
    expect(detectType(new Uint8Array())).toBe('empty');
    expect(detectType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image');
    expect(detectType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image');
    expect(detectType(ascii('<!DOCTYPE html><html><body>x</body></html>'))).toBe('html');
    expect(detectType(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, ...ascii('readme.txt')))).toBe('zip');
    expect(detectType(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe('ole');
    expect(detectType(ascii('{\\rtf1\\ansi hello}'))).toBe('rtf');
    expect(detectType(bytes(1, 2, 3, 0, 5, 6))).toBe('binary');
  });

  it('treats Windows-1252 text as text, not binary', () => {
    expect(detectType(bytes(...ascii('Vertrag f'), 0xfc, ...ascii('r Lieferungen')))).toBe('text');
  });
});
