import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { expandCatalog } from '../../catalog-expander/src/index.ts';
import { createBenchContext } from './bench-context.ts';
import { startInProcessToolWorld } from './in-process-tool-world.ts';
import { readCatalogValue } from './run-catalog.ts';
import { breakdownOf, timedCatalogRun } from './throughput-run.ts';
import { runWithWorkers } from './worker-runs.ts';

// A short in-process overhead pass for profiling (issue 14): the overhead scenario's catalog, warm-up and runs
// without the HTTP half, so `node --cpu-prof --import tsx tools/bench/src/profile-in-process.ts` profiles what the
// in-process figures measure. `--prompts N` (default 400), `--concurrency 1,4` (runs in that order), `--cache`
// gives each run a content cache as the concurrent overhead run has, `--workers 2,3` then runs them again on that many
// worker threads (each count in turn; `--skip-main` leaves the main-thread runs out).
const { values } = parseArgs({
  options: {
    prompts: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '1,4' },
    cache: { type: 'boolean', default: false },
    workers: { type: 'string' },
    'skip-main': { type: 'boolean', default: false },
    'worker-concurrency': { type: 'string' },
  },
});
const root = fileURLToPath(new URL('../../..', import.meta.url));
const context = await createBenchContext(root, (line) => process.stderr.write(`[profile] ${line}\n`));
const world = await startInProcessToolWorld(root);
try {
  const catalog = expandCatalog({ n: Number(values.prompts), seed: 1, universe: context.universe });
  const { entries, sha256 } = readCatalogValue(catalog);
  if (!values['skip-main']) await timedCatalogRun(context, world.hub, entries.slice(0, 40), sha256, { outDir: join(context.scratch, 'warm-up'), concurrency: 4 });
  for (const concurrency of values['skip-main'] ? [] : values.concurrency.split(',').map(Number)) {
    const cacheDir = values.cache ? join(context.scratch, `cache-${concurrency}`) : undefined;
    const timed = await timedCatalogRun(context, world.hub, entries, sha256, { outDir: join(context.scratch, `run-${concurrency}`), cacheDir, concurrency });
    const stages = breakdownOf(timed);
    const rate = timed.run.entries / timed.run.seconds;
    process.stdout.write(`concurrency ${concurrency}: ${rate.toFixed(1)} samples/s (${timed.run.samples} samples, ${timed.run.failed} failed; ${((timed.run.cpu_seconds * 1000) / timed.run.entries).toFixed(2)} CPU ms a sample)\n`);
    if (concurrency === 1) process.stdout.write(`${JSON.stringify(stages)}\n`);
  }
  for (const workers of values.workers ? values.workers.split(',').map(Number) : []) {
    const figures = await runWithWorkers(context, { name: `in-process-${workers}`, workers, concurrency: values['worker-concurrency'] ? Number(values['worker-concurrency']) : undefined, hub: world.hub, entries, sequentialEntries: entries, catalogSha256: sha256, transport: { kind: 'in-process', dataDir: world.dataDir }, python: world.python });
    process.stdout.write(`${workers} worker threads: ${figures.sequential_samples_per_s.toFixed(1)} samples/s at concurrency 1, ${figures.samples_per_s.toFixed(1)} at ${values['worker-concurrency'] ?? context.defaultConcurrency} (${figures.samples} samples, ${figures.failed} failed; ${figures.cpu_ms_per_sample.toFixed(2)} CPU ms a sample; start ${figures.start_s.toFixed(1)} s, peak RSS ${figures.peak_rss_mb.toFixed(0)} MB)\n`);
  }
} finally {
  await world.close();
  await context.close();
}
