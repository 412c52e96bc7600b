import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_SNAPSHOT_ID, snapshotDir } from '@forge/snapshot';
import { expandCatalog } from './expand-catalog.ts';
import { readUniverse } from './universe.ts';

// `node --import tsx tools/catalog-expander/src/main.ts --n 1000 --seed 7 --out /tmp/catalog-1000.json`
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    'snapshot-dir': { type: 'string', default: snapshotDir('.', DEFAULT_SNAPSHOT_ID) },
  },
});

function count(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`catalog-expander: --${name} must be a whole number ≥ 0, got ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return value;
}

const entries = expandCatalog({ n: count('n', values.n), seed: count('seed', values.seed), universe: await readUniverse(values['snapshot-dir']) });
// One entry per line: a 100,000-entry catalog stays diffable and quick to write.
const text = `[\n${entries.map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`;
if (values.out) {
  await writeFile(values.out, text);
  process.stderr.write(`wrote ${entries.length} entries to ${values.out}\n`);
} else {
  process.stdout.write(text);
}
