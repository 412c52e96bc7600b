import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRun, renderReport, type Manifest } from '@forge/packager';
import { writeRunTree, type RunTree } from './__fixtures__/run-tree.ts';
import { createRunStats } from './run-stats.ts';
import { summariseLatencies } from './latency-summary.ts';
import { ValueHistogram } from './value-histogram.ts';

let tree: RunTree;
let manifest: Manifest;

beforeAll(async () => {
  tree = await writeRunTree(await mkdtemp(join(tmpdir(), 'render-report-')));
  ({ manifest } = await packageRun({ generatedDir: tree.generatedDir, outDir: tree.outDir, promptsFile: tree.promptsFile, logsDir: tree.logsDir, now: () => new Date('2026-11-26T10:00:00.000Z'), versions: {} }));
});
afterAll(async () => {
  await rm(tree.root, { recursive: true, force: true });
});

describe('renderReport at scale', () => {
  // Regression: the plan-length chart spread every row into one Math.max(...) call, a RangeError above ~120k rows.
  it('renders 200,000 plan lengths and tool latencies without spreading them into a call', () => {
    const stats = createRunStats();
    const tool = (stats.tools['fmp.fmp_get_quote'] = { calls: 200_000, errors: 0, accepted: 200_000, latencies_ms: new ValueHistogram() });
    for (let index = 0; index < 200_000; index += 1) {
      stats.complexities.complex.plan_lengths.add(7 + (index % 10));
      tool.latencies_ms.add(index % 40);
    }
    const html = renderReport({ manifest, stats, examples: [] });
    expect(html).toContain('complex: 200000 plans, mean 11.5 steps');
    expect(html).toContain('<title>16: 20000</title>');
    expect(html).toContain('<title>&lt;1: 5000</title>');
  });

  it('summarises latencies from the histogram with the nearest-rank figures a sorted array gives', () => {
    const stats = new ValueHistogram();
    const values = [5, 1, 9, 3, 3, 7, 120, 2, 2, 2];
    for (const value of values) stats.add(value);
    const sorted = [...values].sort((a, b) => a - b);
    const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    expect(summariseLatencies(stats)).toEqual({ p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: 120, mean: 15.4 });
  });
});
