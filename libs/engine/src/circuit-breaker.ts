import type { FailureRecord } from './generation-record.ts';

/** The failure that opened the breaker: the fault shared by the run of failures, and the first one's stage and reason. */
export interface BreakerTrip {
  fault: string;
  failures: number;
  stage: FailureRecord['stage'];
  reason: string;
}

/**
 * Watches the faults of finished entries in the order they finish. After `threshold` consecutive failures of one
 * fault (a model timeout, a deadline, a 429 budget, a refused connection…) it opens for good: the model is down or
 * refusing, and every further entry would wait out the same bounds for the same end (issue 19 item 6). A success,
 * or a failure of the prompt's own (a checker or grounding verdict, fault undefined), ends the run of failures.
 * Shared by the shards of one generate run, so a model that is down stops all of them, and says so once.
 */
export class CircuitBreaker {
  private run: BreakerTrip | undefined;
  private opened: BreakerTrip | undefined;

  /** `threshold` 0 never opens. */
  constructor(readonly threshold: number) {}

  /** The trip, once open. */
  get trip(): BreakerTrip | undefined {
    return this.opened;
  }

  /** Records one finished entry; returns the trip when this very record opened the breaker (exactly once). */
  record(outcome: { ok: true } | { ok: false; fault?: string; stage: FailureRecord['stage']; reason: string }): BreakerTrip | undefined {
    if (this.opened || this.threshold <= 0) return undefined;
    if (outcome.ok || outcome.fault === undefined) {
      this.run = undefined;
      return undefined;
    }
    if (this.run?.fault === outcome.fault) this.run.failures += 1;
    else this.run = { fault: outcome.fault, failures: 1, stage: outcome.stage, reason: outcome.reason };
    if (this.run.failures < this.threshold) return undefined;
    this.opened = { ...this.run };
    return this.opened;
  }
}

/** The reason recorded for every entry the open breaker turned away. */
export function describeTrip(trip: BreakerTrip): string {
  return `not attempted: the circuit breaker opened after ${trip.failures} consecutive failures (${trip.fault}); the first: ${trip.reason}`;
}
