/**
 * Runs one shard of fake entries with small random delays, for the kill -9 reliability test:
 *   node --import tsx kill-runner.ts <outDir> <count>
 * Every 7th entry fails at the run stage (a tool error), so the failures ledger is exercised too.
 */
import { runShard } from '../index.ts';
import { createFakePipeline, fakeEntry } from './fake-pipeline.ts';

const [outDir, countText] = process.argv.slice(2);
const count = Number(countText);
const entries = Array.from({ length: count }, (_, index) =>
  fakeEntry(`K${String(index).padStart(3, '0')}`, index % 7 === 3 ? `[tool-error] prompt ${index}` : `prompt number ${index}`),
);
const { pipeline } = createFakePipeline({ delayMs: () => 2 + Math.floor(Math.random() * 15) });
const summary = await runShard(entries, pipeline, { outDir, concurrency: 4, backoffMs: 1, backoffCapMs: 2 });
process.stdout.write(`${JSON.stringify(summary)}\n`);
