import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sampleJsonSchemaText, SAMPLE_SCHEMA_FILE } from '@forge/sample';

describe('published sample schema', () => {
  it('matches its zod source (run tools/scripts/generate-schemas.ts after changing SkyRLSampleSchema)', async () => {
    const committed = await readFile(SAMPLE_SCHEMA_FILE, 'utf8');
    expect(committed).toBe(sampleJsonSchemaText());
  });

  it('is draft-07 and forbids unknown top-level fields', () => {
    const schema = JSON.parse(sampleJsonSchemaText());
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['data_source', 'env_class', 'prompt', 'reward_spec', 'extra_info']);
    expect(schema.additionalProperties).toBe(false);
  });
});
