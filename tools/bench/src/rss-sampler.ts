import { readFileSync } from 'node:fs';

export interface RssPeaks {
  /** Peak resident set of this process, MB. */
  self_mb: number;
  /** Peak of the summed resident sets of the watched child processes, MB (0 when none or no /proc). */
  children_mb: number;
}

export interface RssSampler {
  /** Stops sampling and returns the peaks seen. */
  stop(): RssPeaks;
}

const MB = 1024 * 1024;

/** Resident set of a process from /proc (Linux), in bytes; 0 when it is gone or /proc is absent. */
export function processRss(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples `process.memoryUsage().rss` and the summed RSS of `childPids()` every `intervalMs` until stopped.
 * Sampling misses spikes shorter than the interval, so it reports a lower bound of the true peak.
 */
export function sampleRss(options: { intervalMs?: number; childPids?: () => number[] } = {}): RssSampler {
  let self = process.memoryUsage().rss;
  let children = 0;
  const sample = () => {
    self = Math.max(self, process.memoryUsage().rss);
    const pids = options.childPids?.() ?? [];
    children = Math.max(children, pids.reduce((sum, pid) => sum + processRss(pid), 0));
  };
  const timer = setInterval(sample, options.intervalMs ?? 100);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { self_mb: self / MB, children_mb: children / MB };
    },
  };
}
