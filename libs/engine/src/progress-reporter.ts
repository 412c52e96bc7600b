import type { ProgressEvent, ProgressListener } from './progress-event.ts';

/**
 * `bar`: one line rewritten in place (a TTY only). `plain`: a full line every N seconds or every k samples — the
 * safe choice under Nx/CI pipes, where cursor codes become garbage (TECH_NOTES "Progress and logs").
 */
export type ProgressMode = 'bar' | 'plain';

export interface ProgressReporterOptions {
  mode: ProgressMode;
  write: (text: string) => void;
  now?: () => number;
  /** plain mode: print at least this often while samples finish (default 10 s)… */
  everyMs?: number;
  /** …or after this many samples finished since the last line (default 25). */
  everySamples?: number;
  label?: string;
}

export interface ProgressReporter {
  listener: ProgressListener;
  /** Ends the bar line (bar mode) or prints the last line (plain mode). */
  finish(): void;
}

function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}

/** A hand-written progress reporter fed by runShard's events (no ora/log-update: see TECH_NOTES). */
export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const now = options.now ?? (() => Date.now());
  const everyMs = options.everyMs ?? 10_000;
  const everySamples = options.everySamples ?? 25;
  const state = { total: 0, reused: 0, done: 0, failed: 0, inFlight: 0, fresh: 0, started: now(), lastLine: now(), sinceLine: 0, rateLimited: 0 };
  let barShown = false;

  const line = (): string => {
    const elapsed = now() - state.started;
    const rate = elapsed > 0 ? state.fresh / (elapsed / 1000) : 0;
    const remaining = state.total - state.done - state.failed;
    const eta = rate > 0 && remaining > 0 ? `, ETA ${formatDuration((remaining / rate) * 1000)}` : '';
    const label = options.label ? `${options.label}: ` : '';
    const limited = state.rateLimited > 0 ? `, ${state.rateLimited} rate-limited` : '';
    return `${label}${state.done}/${state.total} done (${state.reused} cached), ${state.failed} failed, ${state.inFlight} in flight, ${rate.toFixed(2)}/s${eta}${limited}`;
  };
  const show = (force: boolean) => {
    if (options.mode === 'bar') {
      options.write(`\r\x1b[2K${line()}`);
      barShown = true;
      return;
    }
    if (force || now() - state.lastLine >= everyMs || state.sinceLine >= everySamples) {
      options.write(`${line()}\n`);
      state.lastLine = now();
      state.sinceLine = 0;
    }
  };

  const listener = (event: ProgressEvent) => {
    switch (event.type) {
      case 'shard-start':
        state.total = event.total;
        state.started = now();
        return show(true);
      case 'sample-start':
        state.inFlight += 1;
        return show(false);
      case 'sample-end':
        state.done += 1;
        state.sinceLine += 1;
        if (event.cached) state.reused += 1;
        else {
          state.inFlight -= 1;
          state.fresh += 1;
        }
        return show(false);
      case 'sample-failed':
        state.failed += 1;
        state.sinceLine += 1;
        if (!event.skipped) {
          state.inFlight -= 1;
          state.fresh += 1;
        }
        return show(false);
      case 'rate-limited':
        state.rateLimited += 1;
        if (options.mode === 'plain') options.write(`rate limited: pausing ${formatDuration(event.wait_ms)}\n`);
        return show(false);
      case 'breaker-open':
        // Said once, on its own line in either mode: every entry after it is recorded with this reason.
        if (options.mode === 'bar' && barShown) options.write('\n');
        options.write(`circuit breaker open after ${event.failures} consecutive failures (${event.fault}): admitting no more entries; the rest are recorded as failures. First failure: ${event.reason}\n`);
        return show(true);
      case 'shard-end':
        return;
    }
  };

  return {
    listener,
    finish: () => {
      if (options.mode === 'bar') {
        if (!barShown) options.write(line());
        options.write(`\r\x1b[2K${line()}\n`);
      } else options.write(`${line()}\n`);
    },
  };
}
