import { z } from 'zod';

type JsonValue = unknown;

// Keywords zod emits that OpenAI-compatible servers reject or choke on (vLLM/xgrammar, older OpenAI validators).
const DROPPED_KEYS = new Set(['$schema', 'propertyNames']);

function clean(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (DROPPED_KEYS.has(key)) continue;
    // zod writes Number.MAX_SAFE_INTEGER bounds for .int(); they carry no meaning for a model.
    if ((key === 'maximum' || key === 'minimum') && Math.abs(inner as number) >= Number.MAX_SAFE_INTEGER) continue;
    if (key === 'additionalProperties' && typeof inner === 'object' && inner !== null && Object.keys(inner).length === 0) {
      result[key] = true;
      continue;
    }
    result[key] = clean(inner);
  }
  return result;
}

/** Drops keywords that add tokens but no meaning for a model (`$schema`, `propertyNames`, `additionalProperties: false`, safe-integer bounds). */
export function compactJsonSchema(schema: Record<string, unknown>): Record<string, unknown> {
  return stripClosed(clean(schema)) as Record<string, unknown>;
}

function stripClosed(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(stripClosed);
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'additionalProperties' && inner === false) continue;
    result[key] = stripClosed(inner);
  }
  return result;
}

/** The JSON Schema of a zod schema in the dialect response_format / text.format accept. */
export function toModelJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return clean(z.toJSONSchema(schema)) as Record<string, unknown>;
}
