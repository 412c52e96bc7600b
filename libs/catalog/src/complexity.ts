import { z } from 'zod';

/** The three curriculum levels a sample is labelled with in SkyRL. */
export const ComplexitySchema = z.enum(['simple', 'moderate', 'complex']);
export type Complexity = z.infer<typeof ComplexitySchema>;

export const COMPLEXITIES: readonly Complexity[] = ComplexitySchema.options;

const LABELS: Record<string, Complexity> = {
  easy: 'simple',
  medium: 'moderate',
  difficult: 'complex',
  simple: 'simple',
  moderate: 'moderate',
  complex: 'complex',
};

export const ACCEPTED_LABELS = 'easy | medium | difficult (or simple | moderate | complex)';

/** Canonical spelling of a label: case and surrounding/inner whitespace do not matter. */
export function canonicalLabel(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, '');
}

/** Maps a catalog label (easy/medium/difficult, any case, or an already-mapped name) to a complexity. */
export function toComplexity(label: string): Complexity | undefined {
  return LABELS[canonicalLabel(label)];
}
