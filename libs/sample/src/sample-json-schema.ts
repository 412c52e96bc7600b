import { z } from 'zod';
import { SkyRLSampleSchema } from './skyrl-sample.ts';

export const SAMPLE_SCHEMA_ID = 'https://curriculum-forge.local/schemas/skyrl-sample.schema.json';

/** The JSON Schema (draft-07, so the default ajv class reads it) generated from SkyRLSampleSchema. */
export function sampleJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SkyRLSampleSchema, { target: 'draft-7', io: 'output' }) as Record<string, unknown>;
  return { ...schema, $id: SAMPLE_SCHEMA_ID, title: 'SkyRL sample row (curriculum-forge)' };
}

/** The schema file's exact text: stable key order, two-space indent, trailing newline. */
export function sampleJsonSchemaText(): string {
  return `${JSON.stringify(sampleJsonSchema(), null, 2)}\n`;
}
