import type { Entry } from '@forge/catalog';
import { sha256 } from '@forge/files';
import type { Provenance } from './generation-record.ts';

/**
 * Bump when the key recipe changes, or when generate-entry reshapes what a record holds after composing
 * (v2: stated-fact requirements and a target length fitted to the reference; v3: the asks), so old cache entries stop
 * matching instead of matching wrongly.
 */
const KEY_VERSION = 'sample-key-v3';

/** Prompt text as the cache sees it: surrounding whitespace dropped, inner runs collapsed to one space. */
export function normalisePrompt(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * Content-cache key of one entry: sha256 over the normalised prompt, its complexity and every provenance field
 * that shapes the output (planner, composer, model, template version, inventory schema hash, snapshot id), plus
 * any extra shaping settings (e.g. plan limits). Prompt id, position and catalog sha are deliberately left out,
 * so reordering, renaming or editing another prompt keeps this key.
 */
export function sampleKey(entry: Pick<Entry, 'user_prompt' | 'complexity'>, provenance: Provenance, shaping: Record<string, unknown> = {}): string {
  const parts = [
    KEY_VERSION,
    normalisePrompt(entry.user_prompt),
    entry.complexity,
    provenance.planner,
    provenance.composer,
    provenance.model,
    provenance.template_version,
    provenance.inventory_sha256,
    provenance.snapshot_id,
    Object.keys(shaping).sort().map((name) => [name, shaping[name]]),
  ];
  return sha256(JSON.stringify(parts));
}
