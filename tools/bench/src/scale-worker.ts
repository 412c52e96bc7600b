import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { COMPLEXITIES, preparePrompts, type Complexity } from '@forge/catalog';
import { GenerationRecordSchema, type GenerationRecord } from '@forge/engine';
import { sha256 } from '@forge/files';
import { packageRun } from '@forge/packager';
import { expandCatalog, readUniverse } from '../../catalog-expander/src/index.ts';

// One stage of a scale measurement in a process of its own, so its peak RSS is its own. `setup` expands the catalog,
// runs prepare-prompts and writes the synthetic generation store; `package` packages it (issue 14: in one process,
// the setup's own peak hid the package's):
// node --import tsx tools/bench/src/scale-worker.ts --stage setup --n 100000 --dir <scratch> --records <generated dir> --snapshot-dir <dir>
// node --import tsx tools/bench/src/scale-worker.ts --stage package --dir <scratch> [--row-group-bytes N]
const { values } = parseArgs({ options: { stage: { type: 'string' }, n: { type: 'string' }, dir: { type: 'string' }, records: { type: 'string' }, 'snapshot-dir': { type: 'string' }, 'row-group-bytes': { type: 'string' } } });
const n = Number(values.n);
const dir = values.dir as string;
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

const timings: Record<string, number> = {};
const time = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await action();
  timings[name] = (performance.now() - started) / 1000;
  return result;
};

async function setUp() {
  await mkdir(join(dir, 'generated'), { recursive: true });
  const catalogFile = join(dir, 'catalog.json');
  const catalog = expandCatalog({ n, seed: 100, universe: await readUniverse(values['snapshot-dir'] as string) });
  await writeFile(catalogFile, `[\n${catalog.map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`);
  catalog.length = 0;

  const manifest = await time('prepare_s', () => preparePrompts(catalogFile, join(dir, 'data')));

  // The generation store, re-keyed clones of real records, streamed shard by shard (setup, not measured as a stage).
  const seeds = await seedRecords(values.records as string);
  await time('store_s', async () => {
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
      out.end();
      await once(out, 'finish');
    }
  });
  return manifest;
}

if (values.stage === 'package') {
  const { validation } = await time('package_s', () =>
    packageRun({
      generatedDir: join(dir, 'generated'),
      outDir: join(dir, 'processed'),
      promptsFile: join(dir, 'data', 'inputs', 'curriculum_prompts.json'),
      logsDir: join(dir, 'logs'),
      rowGroupBytes: values['row-group-bytes'] === undefined ? undefined : Number(values['row-group-bytes']),
    }),
  );
  process.stdout.write(`${JSON.stringify({ samples: validation.samples, accepted: validation.accepted, ...timings, peak_rss_mb: peakRssMb() })}\n`);
} else {
  const manifest = await setUp();
  process.stdout.write(`${JSON.stringify({ prompts: manifest.entries, ...timings, peak_rss_mb: peakRssMb() })}\n`);
}
