import { sha256 } from '@forge/files';

/** Stable sample id: the first 16 hex digits of sha256(prompt_id, record key); the same record always gets the same id. */
export function sampleId(promptId: string, key: string): string {
  return sha256(`${promptId}\n${key}`).slice(0, 16);
}
