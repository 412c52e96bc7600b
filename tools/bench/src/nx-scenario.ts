import { execa } from 'execa';
import type { BenchContext } from './bench-context.ts';

export interface NxResult {
  /** The target timed: dataset:package, or dataset:prepare-prompts when package could not run. */
  target: string;
  cached_package_s: number;
  /** Tasks Nx took from its cache on the timed run, and how many tasks it ran in all. */
  cache_hits: number;
  tasks: number;
  note: string;
}

// As `npm start` runs Nx: in-process plugins (see README, "Two commands").
const NX_ENV = { NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false' };

async function runTarget(context: BenchContext, target: string): Promise<{ seconds: number; ok: boolean; hits: number; tasks: number; tail: string }> {
  const started = performance.now();
  const result = await execa('npx', ['nx', 'run', target, '--outputStyle=stream'], { cwd: context.root, env: NX_ENV, reject: false, all: true });
  const seconds = (performance.now() - started) / 1000;
  const all = result.all ?? '';
  const cache = /Cache:\s+(\d+)\/(\d+) hit/.exec(all);
  const readAll = /read the output from the cache instead of running the command for (\d+) out of (\d+) tasks/.exec(all);
  const hits = cache ? Number(cache[1]) : readAll ? Number(readAll[1]) : 0;
  const tasks = cache ? Number(cache[2]) : readAll ? Number(readAll[2]) : 0;
  return { seconds, ok: result.exitCode === 0, hits, tasks, tail: all.trim().split('\n').slice(-3).join(' | ') };
}

/**
 * Wall time of `nx run dataset:package` the second time in a row, when Nx may replay every cacheable task; falls
 * back to prepare-prompts (and says so) when the package target fails or does not exist.
 */
export async function runNxScenario(context: BenchContext): Promise<NxResult> {
  for (const target of ['dataset:package', 'dataset:prepare-prompts']) {
    context.log(`nx: ${target} (warm-up run, then the timed one)`);
    const warm = await runTarget(context, target);
    if (!warm.ok) {
      context.log(`nx: ${target} failed: ${warm.tail}`);
      continue;
    }
    const timed = await runTarget(context, target);
    if (!timed.ok) continue;
    const fallback = target === 'dataset:package' ? '' : 'dataset:package could not run, so this times prepare-prompts; ';
    const missed = timed.tasks - timed.hits;
    return {
      target,
      cached_package_s: timed.seconds,
      cache_hits: timed.hits,
      tasks: timed.tasks,
      note: `${fallback}${timed.hits}/${timed.tasks} tasks from cache${missed > 0 ? ' (the rest are uncacheable, e.g. start-mcp/health-check, or had changed inputs)' : ''}`,
    };
  }
  return { target: 'none', cached_package_s: Number.NaN, cache_hits: 0, tasks: 0, note: 'no Nx target could run' };
}
