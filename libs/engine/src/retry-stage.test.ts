import { describe, expect, it } from 'vitest';
import { ForgeError } from '@forge/errors';
import { retryStage, StageAttemptsError, type Clock } from './index.ts';

function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
}

describe('retryStage', () => {
  it('retries retryable errors with doubling, capped backoff', async () => {
    const clock = recordingClock();
    let calls = 0;
    const result = await retryStage(
      async () => {
        calls += 1;
        if (calls < 4) throw new ForgeError({ problem: 'flaky', retryable: true });
        return 'ok';
      },
      { maxAttempts: 5, backoffMs: 100, backoffCapMs: 250, clock },
    );
    expect(result).toEqual({ value: 'ok', attempts: 4 });
    expect(clock.sleeps).toEqual([100, 200, 250]);
  });

  it('does not retry an error that is not retryable', async () => {
    const clock = recordingClock();
    const error = await retryStage(async () => Promise.reject(new ForgeError({ problem: 'bad input' })), { maxAttempts: 5, backoffMs: 1, backoffCapMs: 1, clock }).catch((caught) => caught);
    expect(error).toBeInstanceOf(StageAttemptsError);
    expect(error.attempts).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops at maxAttempts', async () => {
    const clock = recordingClock();
    const error = await retryStage(async () => Promise.reject(new ForgeError({ problem: 'x', retryable: true })), { maxAttempts: 3, backoffMs: 1, backoffCapMs: 1, clock }).catch((caught) => caught);
    expect(error.attempts).toBe(3);
  });
});
