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
  /** The prepare-prompts process's peak RSS (prepare is part of the 1,000,000-prompt goal). */
  prepare_peak_rss_mb: number;
  store_s: number;
  package_s: number;
  /** The package process's peak RSS. */
  peak_rss_mb: number;
  /** The catalog and store processes' (the bench's own setup): not part of any figure. */
  setup_peak_rss_mb: number;
}

export interface ScaleResult {
  small: ScalePoint;
  large: ScalePoint;
  /** Large peak RSS ÷ small peak RSS: near 1 when memory stays flat as the catalog grows tenfold. */
  rss_growth: number;
}

export interface ScalePointOptions {
  prompts: number;
  /** A generated folder whose first record of each complexity the synthetic store clones. */
  recordsDir: string;
  /** Where the catalog, store and package go (default: the bench's scratch); a million prompts are about 80 GB. */
  dir?: string;
  /** Keep the folder afterwards (it is removed by default). */
  keep?: boolean;
}

/** catalog → prepare-prompts → synthetic store → package at one size, each stage in a fresh process of its own. */
export async function measureScalePoint(context: Pick<BenchContext, 'root' | 'scratch' | 'log'>, options: ScalePointOptions): Promise<ScalePoint> {
  const { prompts } = options;
  const dir = options.dir ?? join(context.scratch, `scale-${prompts}`);
  await mkdir(dir, { recursive: true });
  const worker = join(context.root, 'tools/bench/src/scale-worker.ts');
  const stage = async (name: string, nodeFlags: string[], args: string[] = []) => {
    context.log(`scale: ${prompts} prompts, stage ${name} (own process${nodeFlags.length ? `, ${nodeFlags.join(' ')}` : ''})`);
    const { stdout } = await execa(process.execPath, [...nodeFlags, '--import', 'tsx', worker, '--stage', name, '--dir', dir, ...args], { cwd: context.root, stderr: 'inherit' });
    const result = JSON.parse(stdout.trim().split('\n').pop() as string) as Record<string, number>;
    context.log(`scale: ${prompts} prompts, stage ${name}: ${JSON.stringify(result)}`);
    return result;
  };
  try {
    const catalog = await stage('catalog', [], ['--n', String(prompts), '--snapshot-dir', snapshotDir(context.root, DEFAULT_SNAPSHOT_ID)]);
    // prepare-prompts as `forge prepare` runs it (no heap flags).
    const prepared = await stage('prepare', []);
    const store = await stage('store', [], ['--records', options.recordsDir]);
    // The package stage runs as the playbook's package target runs it, heap bound included.
    const packaged = await stage('package', PACKAGE_NODE_FLAGS);
    return {
      prompts: prepared.prompts, samples: packaged.samples, accepted: packaged.accepted,
      prepare_s: prepared.prepare_s, prepare_peak_rss_mb: prepared.peak_rss_mb, store_s: store.store_s,
      package_s: packaged.package_s, peak_rss_mb: packaged.peak_rss_mb, setup_peak_rss_mb: Math.max(catalog.peak_rss_mb, store.peak_rss_mb),
    };
  } finally {
    // 100,000 packaged samples and raw traces are gigabytes; keep the scratch disk for the next scenario.
    if (!options.keep) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * prepare-prompts and package over `small` and `large` expanded catalogs, with a generation store of re-keyed
 * copies of real records from `recordsDir`, each in a fresh process whose kernel-reported peak RSS is kept.
 */
export async function runScaleScenario(context: BenchContext, options: { small: number; large: number; recordsDir: string }): Promise<ScaleResult> {
  const small = await measureScalePoint(context, { prompts: options.small, recordsDir: options.recordsDir });
  const large = await measureScalePoint(context, { prompts: options.large, recordsDir: options.recordsDir });
  return { small, large, rss_growth: large.peak_rss_mb / small.peak_rss_mb };
}
