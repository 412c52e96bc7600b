import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { expandCatalog } from '../../catalog-expander/src/index.ts';
import type { BenchContext } from './bench-context.ts';
import { formatNumber as f, type TableRow } from './render-table.ts';

export interface GenerateMemoryPoint {
  prompts: number;
  prepare_s: number;
  prepare_peak_rss_mb: number;
  generate_s: number;
  /** Kernel-reported peak RSS of the generate process (servers in-process; the Python sandbox is its own process). */
  peak_rss_mb: number;
}

export interface GenerateMemoryResult {
  small: GenerateMemoryPoint;
  large: GenerateMemoryPoint;
  /** Large ÷ small peak RSS; issue 19 item 11 asks for at most 1.3 at 10× the prompts. */
  rss_ratio: number;
}

interface WorkerResult {
  exit_code: number;
  seconds: number;
  peak_rss_mb: number;
}

async function forgeIn(context: BenchContext, args: string[]): Promise<WorkerResult> {
  const { stdout } = await execa(process.execPath, ['--import', 'tsx', join(context.root, 'tools/bench/src/generate-memory-worker.ts'), ...args], {
    cwd: context.root,
    stderr: 'ignore',
    env: { PROMPT_FILE: '', N_SAMPLES: '', SHUFFLE_PROMPTS: '' },
  });
  const result = JSON.parse(stdout.trim().split('\n').pop() as string) as WorkerResult;
  if (result.exit_code !== 0) throw new Error(`forge ${args[0]} exited ${result.exit_code}`);
  return result;
}

/** prepare, then generate (rule planner, in-process tools, fresh outputs and cache) over an expanded catalog of `prompts`. */
async function measure(context: BenchContext, prompts: number): Promise<GenerateMemoryPoint> {
  const dir = join(context.scratch, `generate-memory-${prompts}`);
  await mkdir(dir, { recursive: true });
  try {
    const catalog = join(dir, 'catalog.json');
    const entries = expandCatalog({ n: prompts, seed: 7, universe: context.universe });
    await writeFile(catalog, `[\n${entries.map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`);
    context.log(`generate memory: ${prompts} prompts, prepare then generate (rule planner, in-process tools), each in its own process`);
    const prepared = await forgeIn(context, ['prepare', '--prompt-file', catalog, '--data-dir', join(dir, 'data')]);
    const generated = await forgeIn(context, [
      'generate', '--prompt-file', catalog, '--out', join(dir, 'generated'), '--cache-dir', join(dir, 'cache'), '--log-dir', join(dir, 'logs'),
      '--planner', 'rule', '--in-process', '--progress', 'plain', '--no-resume',
    ]);
    return { prompts, prepare_s: prepared.seconds, prepare_peak_rss_mb: prepared.peak_rss_mb, generate_s: generated.seconds, peak_rss_mb: generated.peak_rss_mb };
  } finally {
    // 10,000 samples, their cache entries and task logs are about half a GB.
    await rm(dir, { recursive: true, force: true });
  }
}

/** `forge generate`'s peak RSS at `small` and `large` prompts (issue 19 item 11), with prepare's time and peak. */
export async function runGenerateMemoryScenario(context: BenchContext, options: { small: number; large: number }): Promise<GenerateMemoryResult> {
  const small = await measure(context, options.small);
  const large = await measure(context, options.large);
  return { small, large, rss_ratio: large.peak_rss_mb / small.peak_rss_mb };
}

/** The table rows of the scenario. */
export function generateMemoryRows(result: GenerateMemoryResult): TableRow[] {
  const { small, large } = result;
  return [
    { scenario: 'gen memory', metric: `generate peak RSS at ${small.prompts} prompts (MB; rule planner, in-process tools)`, value: f(small.peak_rss_mb, 0) },
    { scenario: 'gen memory', metric: `generate peak RSS at ${large.prompts} prompts (MB)`, value: f(large.peak_rss_mb, 0) },
    { scenario: 'gen memory', metric: `peak RSS ratio, ${large.prompts} ÷ ${small.prompts}`, value: `${f(result.rss_ratio)}×` },
    { scenario: 'gen memory', metric: `generate wall at ${small.prompts} | ${large.prompts} prompts (s)`, value: `${f(small.generate_s, 1)} | ${f(large.generate_s, 1)}` },
    { scenario: 'gen memory', metric: `prepare at ${large.prompts} prompts: wall (s) | peak RSS (MB)`, value: `${f(large.prepare_s, 1)} | ${f(large.prepare_peak_rss_mb, 0)}` },
  ];
}
