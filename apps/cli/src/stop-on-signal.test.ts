import { describe, expect, it } from 'vitest';
import { stopOnSignal } from './stop-on-signal.ts';

describe('stopOnSignal', () => {
  const sides = () => {
    const seen = { exits: [] as number[], said: [] as string[], bounds: [] as Array<{ run: () => void; ms: number }> };
    return { seen, sides: { exit: (code: number) => seen.exits.push(code), say: (line: string) => seen.said.push(line), later: (run: () => void, ms: number) => seen.bounds.push({ run, ms }) } };
  };

  it('aborts on the first signal and bounds the stop, without exiting yet', () => {
    const { seen, sides: s } = sides();
    const stop = stopOnSignal(10_000, s);
    stop.handle('SIGTERM');
    expect(stop.signal.aborted).toBe(true);
    expect(seen.exits).toEqual([]);
    expect(seen.said[0]).toContain('SIGTERM: admitting no new entries');
    expect(seen.bounds.map((bound) => bound.ms)).toEqual([10_000]);
    seen.bounds[0]!.run();
    expect(seen.exits).toEqual([130]);
  });

  it('exits 130 at once on a second signal, whichever it is', () => {
    const { seen, sides: s } = sides();
    const stop = stopOnSignal(10_000, s);
    stop.handle('SIGTERM');
    stop.handle('SIGINT');
    expect(seen.exits).toEqual([130]);
    expect(seen.said[1]).toBe('SIGINT again: exiting now\n');
  });
});
