import type { TransportResult } from './overhead-scenario.ts';
import { formatNumber as f, type TableRow } from './render-table.ts';

/** The table rows of one transport's worker-thread runs; the speedup is over the main-thread concurrency-1 run. */
export function workerRows(name: string, result: TransportResult, concurrency: number): TableRow[] {
  const workers = result.workers;
  if (!workers) return [];
  const label = `${name}, ${workers.workers} worker thread${workers.workers === 1 ? '' : 's'}`;
  return [
    { scenario: 'overhead', metric: `${label}: samples/s at concurrency 1`, value: f(workers.sequential_samples_per_s, 1) },
    { scenario: 'overhead', metric: `${label}: samples/s at concurrency ${concurrency}`, value: f(workers.samples_per_s, 1) },
    { scenario: 'overhead', metric: `${label}: speedup vs main-thread concurrency 1`, value: `${f(workers.samples_per_s / result.sequential_samples_per_s)}×` },
    { scenario: 'overhead', metric: `${label}: threads' start (s); peak RSS (MB)`, value: `${f(workers.start_s, 1)}; ${f(workers.peak_rss_mb, 0)}` },
    // CPU time is steadier than wall time on a shared machine: what each path costs, whoever else is running.
    { scenario: 'overhead', metric: `${name}: CPU ms a sample at concurrency ${concurrency}, main thread | ${workers.workers} worker thread${workers.workers === 1 ? '' : 's'}`, value: `${f(result.cpu_ms_per_sample)} | ${f(workers.cpu_ms_per_sample)}` },
  ];
}
