/**
 * Writes the synthetic snapshot: `node --import tsx tools/snapshot/build-snapshot.ts [--seed N] [--out DIR]`.
 * Deterministic: the same seed gives the same bytes.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { writeFilesAtomic } from '@forge/files';
import { DEFAULT_SNAPSHOT_ID, snapshotDir } from '@forge/snapshot';
import { DEFAULT_SEED, renderSnapshot } from './render-snapshot.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { seed: { type: 'string' }, out: { type: 'string' } } });
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!Number.isInteger(seed)) {
  process.stderr.write(`--seed must be an integer, got ${JSON.stringify(values.seed)}\n`);
  process.exit(2);
}
const out = resolve(values.out ?? snapshotDir(root, DEFAULT_SNAPSHOT_ID));
const files = renderSnapshot(seed);
// Bars of symbols dropped from the universe must not linger.
await rm(join(out, 'bars'), { recursive: true, force: true });
await writeFilesAtomic(files.map((file) => ({ path: join(out, file.path), content: file.content })));
const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
process.stderr.write(`snapshot written to ${out}: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB, seed ${seed}\n`);
