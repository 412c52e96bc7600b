import { createHash } from 'node:crypto';
import type { ToolSpec } from './tool-spec.ts';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** A hash of the tool inventory that ignores listing order and key order, so it changes only with the schemas. */
export function inventorySha256(specs: ToolSpec[]): string {
  const sorted = [...specs].sort((left, right) =>
    left.server === right.server ? left.tool.localeCompare(right.tool) : left.server.localeCompare(right.server),
  );
  return createHash('sha256').update(JSON.stringify(canonical(sorted))).digest('hex');
}
