import { describe, expect, it } from 'vitest';
import { redact } from './index.ts';

describe('redact', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redact('key=sk-abc123 and again sk-abc123', ['sk-abc123'])).toBe('key=[REDACTED] and again [REDACTED]');
  });

  it('also catches a secret as JSON-escaped inside serialised text', () => {
    const secret = 'pa"ss\\word';
    const text = JSON.stringify({ error: `bad ${secret}` });
    expect(redact(text, [secret])).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(JSON.parse(redact(text, [secret]))).toEqual({ error: 'bad [REDACTED]' });
  });

  it('replaces a longer secret whole even when it contains a shorter one', () => {
    expect(redact('token-abcdef', ['abcd', 'token-abcdef'])).toBe('[REDACTED]');
  });

  it('ignores secrets too short to redact safely', () => {
    expect(redact('a b c', ['a', ''])).toBe('a b c');
  });
});
