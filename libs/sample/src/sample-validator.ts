import { readFile } from 'node:fs/promises';
import { Ajv, type ErrorObject } from 'ajv';

/** The committed schema file, next to src/. */
export const SAMPLE_SCHEMA_FILE = new URL('../schema/skyrl-sample.schema.json', import.meta.url);

/** A compiled check of one row against the published JSON Schema. */
export interface SampleValidator {
  (row: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Compiles a JSON Schema (draft-07) into a validator reporting every error, not just the first. */
export function createSampleValidator(schema: Record<string, unknown>): SampleValidator {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

/** Reads the committed skyrl-sample.schema.json and compiles it: ajv checks output against the file, not the zod source. */
export async function loadSampleValidator(file: URL | string = SAMPLE_SCHEMA_FILE): Promise<SampleValidator> {
  return createSampleValidator(JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>);
}
