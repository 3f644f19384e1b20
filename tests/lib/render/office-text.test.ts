import { describe, expect, it } from 'vitest';
import { officeText } from '../../../lib/render/office-text.js';

describe('officeText', () => {
  it('replaces characters XML 1.0 cannot hold, keeps the rest and bounds the length', () => {
    expect(officeText('a\u0000b\u001Fc\uFFFEd\tz')).toBe('a\uFFFDb\uFFFDc\uFFFDd z');
    expect(officeText('x\uD800y')).toBe('x\uFFFDy');
    expect(officeText('emoji 😀 stays')).toBe('emoji 😀 stays');
    expect(officeText('abcdefghij', 5)).toBe('abcd…');
  });
});
