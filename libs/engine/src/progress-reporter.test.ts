import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './index.ts';

function scriptedClock() {
  const clock = { time: 0, now: () => clock.time };
  return clock;
}

describe('createProgressReporter', () => {
  it('plain: a line at start, every k samples, and at the end; never cursor codes', () => {
    const output: string[] = [];
    const clock = scriptedClock();
    const reporter = createProgressReporter({ mode: 'plain', write: (text) => output.push(text), now: clock.now, everySamples: 2, everyMs: 60_000, label: 'simple' });
    reporter.listener({ type: 'sample-end', prompt_id: 'C', prompt_index: 0, cached: true, duration_ms: 0 });
    reporter.listener({ type: 'shard-start', complexity: 'simple', total: 5, reused: 1, to_generate: 4 });
    for (const id of ['A', 'B']) {
      reporter.listener({ type: 'sample-start', prompt_id: id, prompt_index: 1 });
      clock.time += 1000;
      reporter.listener({ type: 'sample-end', prompt_id: id, prompt_index: 1, cached: false, duration_ms: 1000 });
    }
    reporter.listener({ type: 'rate-limited', wait_ms: 7000 });
    reporter.finish();
    expect(output).toEqual([
      'simple: 1/5 done (1 cached), 0 failed, 0 in flight, 0.00/s\n',
      'simple: 3/5 done (1 cached), 0 failed, 0 in flight, 1.00/s, ETA 2s\n',
      'rate limited: pausing 7s\n',
      'simple: 3/5 done (1 cached), 0 failed, 0 in flight, 1.00/s, ETA 2s, 1 rate-limited\n',
    ]);
    expect(output.join('')).not.toContain('\x1b');
  });

  it('plain: prints after everyMs even when few samples finish', () => {
    const output: string[] = [];
    const clock = scriptedClock();
    const reporter = createProgressReporter({ mode: 'plain', write: (text) => output.push(text), now: clock.now, everySamples: 100, everyMs: 10_000 });
    reporter.listener({ type: 'shard-start', complexity: 'simple', total: 10, reused: 0, to_generate: 10 });
    reporter.listener({ type: 'sample-start', prompt_id: 'A', prompt_index: 0 });
    clock.time = 11_000;
    reporter.listener({ type: 'sample-failed', prompt_id: 'A', prompt_index: 0, stage: 'run', reason: 'x', skipped: false });
    expect(output).toHaveLength(2);
    expect(output[1]).toContain('0/10 done (0 cached), 1 failed, 0 in flight');
  });

  it('bar: rewrites one line in place and ends it with a newline', () => {
    const output: string[] = [];
    const reporter = createProgressReporter({ mode: 'bar', write: (text) => output.push(text), now: () => 0 });
    reporter.listener({ type: 'shard-start', complexity: 'simple', total: 2, reused: 0, to_generate: 2 });
    reporter.listener({ type: 'sample-start', prompt_id: 'A', prompt_index: 0 });
    reporter.finish();
    expect(output.every((text) => text.startsWith('\r\x1b[2K'))).toBe(true);
    expect(output.at(-1)).toMatch(/1 in flight.*\n$/);
    expect(output.slice(0, -1).join('')).not.toContain('\n');
  });
});
