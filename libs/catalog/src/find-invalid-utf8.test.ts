import { describe, expect, it } from 'vitest';
import { findInvalidUtf8 } from './index.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('findInvalidUtf8', () => {
  it('finds nothing in well-formed text, multi-byte characters included', () => {
    expect(findInvalidUtf8(new TextEncoder().encode('Price of AAPL — € 𝄞 ✓'))).toBeUndefined();
    expect(findInvalidUtf8(bytes())).toBeUndefined();
  });

  it.each([
    ['a lone continuation byte', bytes(0x41, 0x80, 0x41), 1],
    ['a Latin-1 é', bytes(0x63, 0x61, 0x66, 0xe9), 3],
    ['an overlong "/" (C0 AF)', bytes(0x41, 0xc0, 0xaf), 1],
    ['an overlong three-byte form', bytes(0xe0, 0x80, 0xaf), 0],
    ['a UTF-16 surrogate (ED A0 80)', bytes(0x41, 0x41, 0xed, 0xa0, 0x80), 2],
    ['a code point past U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a lead byte F5', bytes(0x7b, 0xf5, 0x80, 0x80, 0x80), 1],
    ['a sequence cut short by the next character', bytes(0xe2, 0x82, 0x41), 0],
    ['a sequence cut short by the end of the file', bytes(0x41, 0xe2, 0x82), 1],
  ])('%s: at its first byte', (_, input, offset) => {
    expect(findInvalidUtf8(input)).toBe(offset);
  });
});
