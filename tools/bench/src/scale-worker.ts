import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { COMPLEXITIES, preparePrompts, type Complexity, type ShardsManifest } from '@forge/catalog';
import { GenerationRecordSchema, type GenerationRecord } from '@forge/engine';
import { sha256 } from '@forge/files';
import { packageRun } from '@forge/packager';
import { expandCatalog, readUniverse } from '../../catalog-expander/src/index.ts';

// One stage of a scale measurement in a process of its own, so its peak RSS is its own (issue 14: in one process,
// the setup's own peak hid the package's). `catalog` expands and writes the catalog, `prepare` runs prepare-prompts
// on it (a figure of its own: the 1,000,000-prompt goal covers prepare and package), `store` writes the synthetic
// generation store, `package` packages it:
// node --import tsx tools/bench/src/scale-worker.ts --stage catalog --n 100000 --dir <scratch> --snapshot-dir <dir>
// node --import tsx tools/bench/src/scale-worker.ts --stage prepare --dir <scratch>
// node --import tsx tools/bench/src/scale-worker.ts --stage store --dir <scratch> --records <generated dir>
// node --import tsx tools/bench/src/scale-worker.ts --stage package --dir <scratch> [--row-group-bytes N]
const { values } = parseArgs({ options: { stage: { type: 'string' }, n: { type: 'string' }, dir: { type: 'string' }, records: { type: 'string' }, 'snapshot-dir': { type: 'string' }, 'row-group-bytes': { type: 'string' } } });
const dir = values.dir as string;
const catalogFile = join(dir, 'catalog.json');
const shardsManifestFile = join(dir, 'data', 'shards', 'manifest.json');
// Linux reports maxRSS in KiB: the true high-water mark of this process, not a sampled one.
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** The first real record of each complexity in a generated folder: what the synthetic store is cloned from. */
async function seedRecords(generatedDir: string): Promise<Record<Complexity, GenerationRecord>> {
  const seeds = {} as Record<Complexity, GenerationRecord>;
  for (const level of COMPLEXITIES) {
    const lines = createInterface({ input: createReadStream(join(generatedDir, `${level}.jsonl`)) });
    for await (const line of lines) {
      if (!line.trim()) continue;
      seeds[level] = GenerationRecordSchema.parse(JSON.parse(line));
      lines.close();
      break;
    }
    if (!seeds[level]) throw new Error(`no ${level} record in ${generatedDir} to clone`);
  }
  return seeds;
}

async function writeLine(stream: NodeJS.WritableStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

async function closeStream(stream: NodeJS.WritableStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

const timings: Record<string, number> = {};
const time = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await action();
  timings[name] = (performance.now() - started) / 1000;
  return result;
};

/**
 * The templates × universe yield about 509,000 distinct prompts (seed 100): beyond this many, the expanded catalog
 * repeats this many (drawing near the limit is slow), each later round's prompts marked as copies so every prompt
 * stays distinct.
 */
const DISTINCT_PROMPTS = 250_000;

/** The expanded catalog, written an entry at a time (a million entries joined are a 230 MB string). */
async function writeCatalog(n: number): Promise<number> {
  await mkdir(dir, { recursive: true });
  const base = expandCatalog({ n: Math.min(n, DISTINCT_PROMPTS), seed: 100, universe: await readUniverse(values['snapshot-dir'] as string) });
  const width = String(n).length;
  const out = createWriteStream(catalogFile);
  await writeLine(out, '[\n');
  for (let index = 0; index < n; index += 1) {
    const round = Math.floor(index / base.length);
    const entry = base[index % base.length];
    // Below the cap these are the expander's own ids and prompts.
    const copy = { ...entry, id: `X${String(index + 1).padStart(width, '0')}`, user_prompt: round === 0 ? entry.user_prompt : `${entry.user_prompt} (desk copy ${round + 1})` };
    await writeLine(out, `${index === 0 ? '' : ',\n'}${JSON.stringify(copy)}`);
  }
  await writeLine(out, '\n]\n');
  await closeStream(out);
  return n;
}

/** The generation store, re-keyed clones of real records, streamed shard by shard. */
async function writeStore(): Promise<void> {
  const manifest = JSON.parse(await readFile(shardsManifestFile, 'utf8')) as ShardsManifest;
  const seeds = await seedRecords(values.records as string);
  await mkdir(join(dir, 'generated'), { recursive: true });
  let index = 0;
  for (const level of COMPLEXITIES) {
    const entries = JSON.parse(await readFile(manifest.shards[level].file, 'utf8')) as Array<{ prompt_id: string; user_prompt: string; original_complexity: string }>;
    const out = createWriteStream(join(dir, 'generated', `${level}.jsonl`));
    for (const entry of entries) {
      const seed = seeds[level];
      const record = {
        ...seed,
        key: sha256(`${entry.prompt_id}\u0000${entry.user_prompt}`),
        prompt_id: entry.prompt_id,
        prompt_index: index++,
        user_prompt: entry.user_prompt,
        original_complexity: entry.original_complexity,
        provenance: { ...seed.provenance, catalog_sha256: manifest.catalog_sha256 },
      };
      await writeLine(out, `${JSON.stringify(record)}\n`);
    }
    await closeStream(out);
  }
}

let result: Record<string, number>;
if (values.stage === 'catalog') {
  result = { prompts: await time('catalog_s', () => writeCatalog(Number(values.n))) };
} else if (values.stage === 'prepare') {
  // A million prompts are a 209 MB catalog, past readCatalog's 64 MB guard against wrong paths.
  const manifest = await time('prepare_s', () => preparePrompts(catalogFile, join(dir, 'data'), { maxCatalogBytes: 1024 * 1024 * 1024 }));
  result = { prompts: manifest.entries };
} else if (values.stage === 'store') {
  await time('store_s', writeStore);
  result = {};
} else if (values.stage === 'package') {
  const { validation } = await time('package_s', () =>
    packageRun({
      generatedDir: join(dir, 'generated'),
      outDir: join(dir, 'processed'),
      promptsFile: join(dir, 'data', 'inputs', 'curriculum_prompts.json'),
      logsDir: join(dir, 'logs'),
      rowGroupBytes: values['row-group-bytes'] === undefined ? undefined : Number(values['row-group-bytes']),
    }),
  );
  result = { samples: validation.samples, accepted: validation.accepted };
} else {
  throw new Error(`--stage must be catalog, prepare, store or package, got ${values.stage}`);
}
process.stdout.write(`${JSON.stringify({ ...result, ...timings, peak_rss_mb: peakRssMb() })}\n`);
