import { describe, expect, it } from 'vitest';
import { redactSecrets } from './openai-redact.ts';

describe('redactSecrets', () => {
  it('removes the given key, bearer tokens and sk- shaped keys', () => {
    expect(redactSecrets('key my-own-secret-key rejected', ['my-own-secret-key'])).toBe('key [redacted] rejected');
    expect(redactSecrets('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('Incorrect API key provided: sk-proj-ABCDEFGH1234')).toBe('Incorrect API key provided: sk-[redacted]');
    expect(redactSecrets('masked sk-test-****T123 too')).toBe('masked sk-[redacted] too');
  });

  it('leaves ordinary text alone, including trivially short local keys', () => {
    expect(redactSecrets('a timeout after 60 s', ['x', undefined])).toBe('a timeout after 60 s');
  });
});
