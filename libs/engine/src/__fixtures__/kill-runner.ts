/**
 * Runs one shard of fake entries with small random delays, for the kill -9 reliability test:
 *   node --import tsx kill-runner.ts <outDir> <count> [workers]
 * Every 7th entry fails at the run stage (a tool error), so the failures ledger is exercised too. With `workers`,
 * the entries run on that many worker threads (fake-entry-worker.ts) and this thread keeps the ledgers.
 */
import { runShard, startEntryWorkers } from '../index.ts';
import { createFakePipeline, fakeEntry } from './fake-pipeline.ts';

const [outDir, countText, workersText] = process.argv.slice(2);
const count = Number(countText);
const entries = Array.from({ length: count }, (_, index) =>
  fakeEntry(`K${String(index).padStart(3, '0')}`, index % 7 === 3 ? `[tool-error] prompt ${index}` : `prompt number ${index}`),
);
const { pipeline } = createFakePipeline({ delayMs: () => 2 + Math.floor(Math.random() * 15) });
const pool = workersText ? await startEntryWorkers({ module: new URL('./fake-entry-worker.ts', import.meta.url), workers: Number(workersText), settings: { delayMs: 8 }, provenance: pipeline.provenance }) : undefined;
const summary = await runShard(entries, pipeline, { outDir, concurrency: 4, backoffMs: 1, backoffCapMs: 2, ...(pool ? { generate: pool.generate } : {}) });
await pool?.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);
