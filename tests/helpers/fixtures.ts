import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeDocument, type Analysis } from '../../lib/analyze.js';
import { LabelFile, type LabelRecord } from '../../lib/evaluation.js';
import { loadDefaultLibrary } from '../../lib/library/load.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/contracts/', import.meta.url));
/** The project's own examples of every kind of provision the locator must find (tests/fixtures/detection). */
export const DETECTION_FIXTURES = fileURLToPath(new URL('../fixtures/detection/', import.meta.url));
/** Scanned PDFs without a text layer, made from the contract fixtures (scripts/make-scans.ts), with their labels. */
export const SCANS = fileURLToPath(new URL('../fixtures/scans/', import.meta.url));

export function fixtureBytes(name: string, folder = FIXTURES): Buffer {
  return readFileSync(path.join(folder, name));
}

export function fixtureLabels(folder = FIXTURES): LabelRecord[] {
  return LabelFile.parse(JSON.parse(readFileSync(path.join(folder, 'labels.json'), 'utf8')));
}

export const FIXED_NOW = () => new Date('2026-11-30T12:00:00.000Z');

export function analyzeBytes(bytes: Uint8Array, name = 'contract.txt'): Promise<Analysis> {
  return analyzeDocument(bytes, { name, library: loadDefaultLibrary(), now: FIXED_NOW });
}

export function analyzeFixture(name: string, folder = FIXTURES): Promise<Analysis> {
  return analyzeBytes(fixtureBytes(name, folder), name);
}

export function analyzeText(text: string, name = 'contract.txt'): Promise<Analysis> {
  return analyzeBytes(Buffer.from(text, 'utf8'), name);
}
