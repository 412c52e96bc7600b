import { describe, expect, it } from 'vitest';
import { normalisePrompt, sampleKey } from './index.ts';
import { fakeEntry, fakeProvenance } from './__fixtures__/fake-pipeline.ts';

describe('sampleKey', () => {
  const provenance = fakeProvenance();
  const key = sampleKey(fakeEntry('A', 'Price of AAPL?'), provenance);

  it('ignores whitespace differences, prompt id and catalog sha', () => {
    expect(normalisePrompt('  Price \n of\tAAPL?  ')).toBe('Price of AAPL?');
    expect(sampleKey(fakeEntry('Z', '  Price \n of AAPL? '), fakeProvenance({ catalog_sha256: 'other' }))).toBe(key);
  });

  it('changes with the text, complexity and each output-shaping provenance field', () => {
    const variants = [
      sampleKey(fakeEntry('A', 'Price of MSFT?'), provenance),
      sampleKey(fakeEntry('A', 'Price of AAPL?', 'complex'), provenance),
      ...(['planner', 'composer', 'model', 'template_version', 'inventory_sha256', 'snapshot_id'] as const).map((field) =>
        sampleKey(fakeEntry('A', 'Price of AAPL?'), { ...provenance, [field]: 'changed' }),
      ),
      sampleKey(fakeEntry('A', 'Price of AAPL?'), provenance, { limits: { max_tools: 3 } }),
    ];
    expect(new Set([key, ...variants]).size).toBe(variants.length + 1);
  });
});
