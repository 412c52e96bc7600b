import { z } from 'zod';
import { PlanSchema } from './plan-schema.ts';

/** The plan's JSON Schema, generated from PlanSchema, for LLM structured outputs and published docs. */
export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PlanSchema) as Record<string, unknown>;
}
