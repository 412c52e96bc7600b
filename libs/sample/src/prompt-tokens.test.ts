import { describe, expect, it } from 'vitest';
import { countPromptTokens } from '@forge/sample';

describe('countPromptTokens', () => {
  it('counts real BPE tokens, not characters / 4', () => {
    // "hello world" is two tokens in both encodings; a chat template adds a fixed overhead per message.
    const one = countPromptTokens([{ role: 'user', content: 'hello world' }]);
    const two = countPromptTokens([{ role: 'user', content: 'hello world hello world' }]);
    expect(two - one).toBe(2);
  });

  it('adds the chat template overhead for every message', () => {
    const single = countPromptTokens([{ role: 'user', content: 'hi' }]);
    const pair = countPromptTokens([{ role: 'system', content: 'hi' }, { role: 'user', content: 'hi' }]);
    expect(pair).toBeGreaterThan(single + 1);
  });

  it('differs between encodings on text they split differently', () => {
    const text = [{ role: 'user', content: 'सबसे बड़ा दैनिक परिवर्तन किस कंपनी का था? 最近三个交易日的成交量与平均值相比如何？'.repeat(4) }];
    // o200k_base has far more non-Latin merges than cl100k_base.
    expect(countPromptTokens(text, 'o200k_base')).toBeLessThan(countPromptTokens(text, 'cl100k_base'));
  });

  it('counts unknown roles as user', () => {
    expect(countPromptTokens([{ role: 'tool', content: 'x' }])).toBe(countPromptTokens([{ role: 'user', content: 'x' }]));
  });
});
