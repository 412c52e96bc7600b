import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBenchContext } from './bench-context.ts';
import { startHttpToolWorld } from './http-tool-world.ts';
import { generateMemoryRows, runGenerateMemoryScenario } from './generate-memory-scenario.ts';
import { runIncrementalScenario } from './incremental-scenario.ts';
import { runLlmScenario } from './llm-scenario.ts';
import { runNxScenario } from './nx-scenario.ts';
import { runOverheadScenario } from './overhead-scenario.ts';
import { formatNumber as f, renderTable, type TableRow } from './render-table.ts';
import { runScaleScenario } from './scale-scenario.ts';
import { runQueueScenario } from './queue-scenario.ts';
import { runPythonCallScenario } from './python-call-scenario.ts';
import { stageRows } from './stage-rows.ts';
import { workerRows } from './worker-rows.ts';
import { writeLatestTable } from './write-latest-table.ts';

// `npm run bench` (about 8 minutes on 2 cores); `-- --quick` for a smoke run with small sizes, `-- --skip-nx` to
// leave data/ alone, `-- --prompts N` for the overhead size, `-- --skip-llm` / `--skip-scale` /
// `--skip-gen-memory` / `--skip-queue` (needs a redis-server) to leave those out,
// `-- --skip-doc` not to write the table into docs/benchmarks.md (quick runs never do), `-- --workers N` for the
// overhead scenario's worker-thread runs (default: forge generate's default, at least 2; 0 leaves them out).
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-nx': { type: 'boolean', default: false },
    'skip-llm': { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false },
    'skip-gen-memory': { type: 'boolean', default: false },
    'skip-queue': { type: 'boolean', default: false },
    'skip-doc': { type: 'boolean', default: false },
    prompts: { type: 'string' },
    workers: { type: 'string' },
  },
});
const quick = values.quick === true;
const root = fileURLToPath(new URL('../../..', import.meta.url));
const started = performance.now();
const context = await createBenchContext(root, (line) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}\n`));

try {
  const sizes = quick
    ? { prompts: 100, sequential: 50, llmPrompts: 40, llmSequential: 10, scaleSmall: 1_000, scaleLarge: 10_000, genSmall: 100, genLarge: 1_000 }
    : { prompts: 1_000, sequential: 1_000, llmPrompts: 100, llmSequential: 30, scaleSmall: 10_000, scaleLarge: 100_000, genSmall: 1_000, genLarge: 10_000 };
  if (values.prompts) sizes.prompts = sizes.sequential = Number(values.prompts);

  context.log('starting the five MCP servers over HTTP under the supervisor');
  const world = await startHttpToolWorld({ root });
  let overhead;
  let incremental;
  let full;
  try {
    const workers = values.workers !== undefined ? Number(values.workers) : Math.max(2, context.defaultWorkers);
    ({ result: overhead, full } = await runOverheadScenario(context, world, { prompts: sizes.prompts, sequentialPrompts: sizes.sequential, seed: 1, workers }));
    incremental = await runIncrementalScenario(context, world, full);
  } finally {
    await world.close();
  }
  const llm = values['skip-llm'] ? undefined : await runLlmScenario(context, { prompts: sizes.llmPrompts, sequentialPrompts: sizes.llmSequential, rpm: 600, latencyMs: 200, windowMs: 3_000, concurrency: 8, seed: 11 });
  const scale = values['skip-scale'] ? undefined : await runScaleScenario(context, { small: sizes.scaleSmall, large: sizes.scaleLarge, recordsDir: full.outDir });
  const generateMemory = values['skip-gen-memory'] ? undefined : await runGenerateMemoryScenario(context, { small: sizes.genSmall, large: sizes.genLarge });
  const nx = values['skip-nx'] ? undefined : await runNxScenario(context);
  const totalSeconds = (performance.now() - started) / 1000;

  const results = {
    meta: { date: new Date().toISOString(), node: process.version, cpus: cpus().length, quick, total_s: totalSeconds },
    overhead,
    llm,
    incremental,
    scale: scale && { prompts: scale.large.prompts, peak_rss_mb: scale.large.peak_rss_mb, package_s: scale.large.package_s, prepare_s: scale.large.prepare_s, small_prompts: scale.small.prompts, small_peak_rss_mb: scale.small.peak_rss_mb, small_package_s: scale.small.package_s, rss_growth: scale.rss_growth },
    generate_memory: generateMemory,
    nx: nx ?? { target: 'skipped', cached_package_s: Number.NaN, cache_hits: 0, tasks: 0, note: '--skip-nx' },
  };
  const http = overhead.http;
  const inProcess = overhead.in_process;
  const rows: TableRow[] = [
    { scenario: 'overhead', metric: `prompts (rule planner, 5 MCP servers; concurrency 1 on the first ${overhead.sequential_prompts})`, value: String(overhead.prompts) },
    { scenario: 'overhead', metric: 'samples / failed (HTTP)', value: `${http.samples} / ${http.failed}` },
    { scenario: 'overhead', metric: 'HTTP: samples/s at concurrency 1', value: f(http.sequential_samples_per_s, 1) },
    { scenario: 'overhead', metric: `HTTP: samples/s at concurrency ${overhead.concurrency} (default)`, value: f(http.samples_per_s, 1) },
    { scenario: 'overhead', metric: 'HTTP: speedup vs concurrency 1', value: `${f(http.speedup_vs_sequential)}×` },
    { scenario: 'overhead', metric: 'in-process: samples/s at concurrency 1', value: f(inProcess.sequential_samples_per_s, 1) },
    { scenario: 'overhead', metric: `in-process: samples/s at concurrency ${overhead.concurrency}`, value: f(inProcess.samples_per_s, 1) },
    { scenario: 'overhead', metric: 'in-process: speedup vs concurrency 1', value: `${f(inProcess.speedup_vs_sequential)}×` },
    ...workerRows('HTTP', http, overhead.concurrency),
    ...workerRows('in-process', inProcess, overhead.concurrency),
    { scenario: 'overhead', metric: 'peak RSS, generator process, HTTP (MB)', value: f(overhead.peak_rss_mb, 0) },
    { scenario: 'overhead', metric: 'peak RSS, 5 server process trees (MB)', value: f(overhead.servers_peak_rss_mb, 0) },
    { scenario: 'overhead', metric: 'peak RSS, generator + servers in-process (MB)', value: f(inProcess.peak_rss_mb, 0) },
    ...stageRows('stages HTTP', http.stages),
    ...stageRows('stages in-proc', inProcess.stages),
    ...(llm
      ? [
          { scenario: 'llm', metric: `prompts (OpenAI planner, fake API, ${llm.cap_rpm} rpm cap, 200 ms)`, value: String(llm.prompts) },
          { scenario: 'llm', metric: 'achieved requests/min', value: f(llm.achieved_rpm, 0) },
          { scenario: 'llm', metric: 'achieved ÷ cap', value: f(llm.rpm_ratio) },
          { scenario: 'llm', metric: 'busiest window ÷ cap; 429s answered', value: `${f(llm.peak_window_ratio)}; ${llm.rejected_429}` },
          { scenario: 'llm', metric: 'samples/min sequential', value: f(llm.sequential_samples_per_min, 0) },
          { scenario: 'llm', metric: `samples/min at concurrency ${llm.concurrency}`, value: f(llm.samples_per_min, 0) },
          { scenario: 'llm', metric: 'speedup vs sequential', value: `${f(llm.speedup_vs_sequential)}×` },
        ]
      : []),
    { scenario: 'incremental', metric: `prompts regenerated after editing ${incremental.edited_prompt_id}`, value: String(incremental.regenerated) },
    { scenario: 'incremental', metric: 'planner (LLM) calls', value: String(incremental.llm_calls) },
    { scenario: 'incremental', metric: 'wall time ÷ full run', value: f(incremental.time_ratio, 3) },
    ...(scale
      ? [
          { scenario: 'scale', metric: `package peak RSS at ${scale.small.prompts} prompts (MB)`, value: f(scale.small.peak_rss_mb, 0) },
          { scenario: 'scale', metric: `package peak RSS at ${scale.large.prompts} prompts (MB)`, value: f(scale.large.peak_rss_mb, 0) },
          { scenario: 'scale', metric: 'RSS growth for 10× prompts', value: `${f(scale.rss_growth)}×` },
          { scenario: 'scale', metric: `prepare + package at ${scale.large.prompts} (s)`, value: f(scale.large.prepare_s + scale.large.package_s, 1) },
        ]
      : []),
    ...(generateMemory ? generateMemoryRows(generateMemory) : []),
    ...(await runPythonCallScenario(context, { calls: quick ? 500 : 2_000 })),
    ...(values['skip-queue'] ? [] : await runQueueScenario(context, { prompts: quick ? 60 : 300 })),
    { scenario: 'nx', metric: `second ${results.nx.target} run, wall (s)`, value: f(results.nx.cached_package_s, 1) },
    { scenario: 'nx', metric: 'tasks from cache', value: `${results.nx.cache_hits}/${results.nx.tasks}` },
  ];
  const table = renderTable(rows);
  process.stdout.write(`${table}\n\n${results.nx.note ? `nx: ${results.nx.note}\n` : ''}total ${f(totalSeconds, 0)} s on ${cpus().length} cores, ${process.version}\n`);
  await mkdir(join(root, 'bench'), { recursive: true });
  await writeFile(join(root, 'bench', 'results.json'), `${JSON.stringify({ ...results, table }, null, 2)}\n`);
  process.stdout.write('wrote bench/results.json\n');
  if (!quick && !values['skip-doc']) {
    const docPath = join(root, 'docs', 'benchmarks.md');
    const footer = `${results.nx.note ? `nx: ${results.nx.note}\n` : ''}total ${f(totalSeconds, 0)} s on ${cpus().length} cores, ${process.version}, ${results.meta.date}`;
    const written = writeLatestTable(await readFile(docPath, 'utf8'), `${table}\n\n${footer}`);
    if (written === undefined) process.stderr.write('docs/benchmarks.md has no bench:latest markers; table not written there\n');
    else {
      await writeFile(docPath, written);
      process.stdout.write('wrote the table into docs/benchmarks.md\n');
    }
  }
} finally {
  await context.close();
}
