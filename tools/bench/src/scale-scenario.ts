import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { DEFAULT_SNAPSHOT_ID, snapshotDir } from '@forge/snapshot';
import { PACKAGE_NODE_FLAGS } from '../../nx-plugin/src/index.ts';
import type { BenchContext } from './bench-context.ts';

export interface ScalePoint {
  prompts: number;
  samples: number;
  accepted: number;
  prepare_s: number;
  store_s: number;
  package_s: number;
  /** The package process's peak RSS. */
  peak_rss_mb: number;
  /** The setup process's (catalog expansion, prepare-prompts, synthetic store): not part of the package figure. */
  setup_peak_rss_mb: number;
}

export interface ScaleResult {
  small: ScalePoint;
  large: ScalePoint;
  /** Large peak RSS ÷ small peak RSS: near 1 when memory stays flat as the catalog grows tenfold. */
  rss_growth: number;
}

async function measure(context: BenchContext, prompts: number, recordsDir: string): Promise<ScalePoint> {
  const dir = join(context.scratch, `scale-${prompts}`);
  await mkdir(dir, { recursive: true });
  const worker = join(context.root, 'tools/bench/src/scale-worker.ts');
  const stage = async (nodeFlags: string[], args: string[]) => {
    const { stdout } = await execa(process.execPath, [...nodeFlags, '--import', 'tsx', worker, ...args], { cwd: context.root, stderr: 'inherit' });
    return JSON.parse(stdout.trim().split('\n').pop() as string) as Record<string, number>;
  };
  try {
    context.log(`scale: ${prompts} prompts through prepare-prompts and the generation store (own process)`);
    const setup = await stage([], ['--stage', 'setup', '--n', String(prompts), '--dir', dir, '--records', recordsDir, '--snapshot-dir', snapshotDir(context.root, DEFAULT_SNAPSHOT_ID)]);
    // The package stage runs as the playbook's package target runs it, heap bound included.
    context.log(`scale: ${prompts} prompts through package (own process, ${PACKAGE_NODE_FLAGS.join(' ')})`);
    const packaged = await stage(PACKAGE_NODE_FLAGS, ['--stage', 'package', '--dir', dir]);
    return {
      prompts: setup.prompts, samples: packaged.samples, accepted: packaged.accepted,
      prepare_s: setup.prepare_s, store_s: setup.store_s, package_s: packaged.package_s,
      peak_rss_mb: packaged.peak_rss_mb, setup_peak_rss_mb: setup.peak_rss_mb,
    };
  } finally {
    // 100,000 packaged samples and raw traces are gigabytes; keep the scratch disk for the next scenario.
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * prepare-prompts and package over `small` and `large` expanded catalogs, with a generation store of re-keyed
 * copies of real records from `recordsDir`, each in a fresh process whose kernel-reported peak RSS is kept.
 */
export async function runScaleScenario(context: BenchContext, options: { small: number; large: number; recordsDir: string }): Promise<ScaleResult> {
  const small = await measure(context, options.small, options.recordsDir);
  const large = await measure(context, options.large, options.recordsDir);
  return { small, large, rss_growth: large.peak_rss_mb / small.peak_rss_mb };
}
