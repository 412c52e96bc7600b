// Nx runtime input for prepare-prompts: prints the sha256 of the catalog's bytes, so a PROMPT_FILE outside
// the workspace (which Nx cannot hash as a file input) still invalidates the cache when its content changes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const file = process.env.PROMPT_FILE || 'data/inputs/catalog.json';
let digest;
try {
  digest = createHash('sha256').update(readFileSync(file)).digest('hex');
} catch (error) {
  // Unreadable now: hash the reason, so the task runs and reports the problem instead of hitting the cache.
  digest = `unreadable:${error.code ?? error.message}:${Date.now()}`;
}
process.stdout.write(`${file} ${digest}\n`);
