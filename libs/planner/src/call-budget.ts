import { ForgeError } from '@forge/errors';

export interface CallBudgetOptions {
  /** Wall time every model call of one prompt must end within, counted from the budget's creation (issue 19 item 6). */
  deadlineMs: number;
  /** 429 replies absorbed per prompt, whatever their Retry-After says; the next one ends the prompt's model calls. */
  rateLimitBudget: number;
  /** The run's stop signal (SIGINT/SIGTERM): aborts the request in flight and every wait. */
  signal?: AbortSignal;
  now?: () => number;
}

/** Why a prompt's model calls stopped short of an answer. */
export type BudgetStop = 'deadline' | 'rate-limit-budget' | 'aborted';

/** A prompt's model calls ended because its CallBudget ran out or the run stopped; never worth another try. */
export class CallBudgetError extends ForgeError {
  readonly stop: BudgetStop;

  constructor(stop: BudgetStop, problem: string, cause?: unknown) {
    super({ problem, retryable: false, cause });
    this.stop = stop;
  }
}

/**
 * One prompt's allowance for model calls, shared by every layer that calls or retries (client, rate limiter,
 * engine stage): a wall-clock deadline, a 429 allowance, the run's stop signal, and the tally of requests and
 * tokens sent, failed ones included. Before it there were three nested retry loops, each with its own bound.
 */
export class CallBudget {
  readonly deadlineMs: number;
  readonly rateLimitBudget: number;
  /** Every HTTP request sent for this prompt, and those that brought no usable reply. */
  requests = 0;
  failedRequests = 0;
  /** Tokens the server reported (or the client estimated) for every reply, failed ones included. */
  tokens = 0;
  rateLimits = 0;
  private readonly now: () => number;
  private readonly deadlineAt: number;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly runSignal?: AbortSignal;
  private readonly onRunAbort = () => this.controller.abort();

  constructor(options: CallBudgetOptions) {
    this.now = options.now ?? Date.now;
    this.deadlineMs = options.deadlineMs;
    this.rateLimitBudget = options.rateLimitBudget;
    this.deadlineAt = this.now() + options.deadlineMs;
    this.runSignal = options.signal;
    // unref: a budget left open must not keep the process alive.
    this.timer = setTimeout(() => this.controller.abort(), Math.max(0, options.deadlineMs));
    this.timer.unref?.();
    if (options.signal?.aborted) this.controller.abort();
    else options.signal?.addEventListener('abort', this.onRunAbort, { once: true });
  }

  /** Aborts at the deadline or when the run stops; hand it to every request and wait. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  remainingMs(): number {
    return Math.max(0, this.deadlineAt - this.now());
  }

  /** Why no further call may start, or undefined while the budget allows one. */
  stopped(): BudgetStop | undefined {
    if (this.runSignal?.aborted) return 'aborted';
    if (this.remainingMs() <= 0 || this.controller.signal.aborted) return 'deadline';
    return undefined;
  }

  /** Counts one 429; false when it is over the budget and the caller must stop. */
  takeRateLimit(): boolean {
    this.rateLimits += 1;
    return this.rateLimits <= this.rateLimitBudget;
  }

  /** Tallies one request sent: whether it brought a usable reply, and the tokens it cost. */
  recordRequest(outcome: { ok: boolean; tokens?: number }): void {
    this.requests += 1;
    if (!outcome.ok) this.failedRequests += 1;
    if (outcome.tokens !== undefined && Number.isFinite(outcome.tokens) && outcome.tokens > 0) this.tokens += outcome.tokens;
  }

  /** The error that ends a prompt's model calls for `stop`, keeping the last call's error as cause. */
  errorFor(stop: BudgetStop, cause?: unknown): CallBudgetError {
    const last = cause instanceof Error ? `; last error: ${cause.message}` : '';
    if (stop === 'aborted') return new CallBudgetError(stop, `model call aborted: the run is stopping${last}`, cause);
    if (stop === 'rate-limit-budget') {
      return new CallBudgetError(stop, `rate limited (429) more than the ${this.rateLimitBudget} times this prompt's budget allows, whatever Retry-After said${last}`, cause);
    }
    return new CallBudgetError(stop, `this prompt's model deadline of ${formatSeconds(this.deadlineMs)} passed${last}`, cause);
  }

  /** Releases the deadline timer and the run-signal listener; call when the prompt is done. */
  close(): void {
    clearTimeout(this.timer);
    this.runSignal?.removeEventListener('abort', this.onRunAbort);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
