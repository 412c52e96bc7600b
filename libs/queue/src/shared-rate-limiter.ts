import { randomBytes } from 'node:crypto';
import type { RedisClient } from 'bullmq';
import { RateLimitedError, rateLimitOf } from '@forge/engine';

/** The budget every worker of a queue shares; the coordinator publishes it (issue 16). */
export interface SharedBudget {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  /** Length of the sliding window (default 60 s); tests shrink it to stay fast. */
  windowMs?: number;
}

export interface SharedRateLimiterOptions {
  /** The queue's name: the budget's Redis keys hang off it. */
  name: string;
  /** How long an unfinished request holds its charge when its worker dies (default 10 min). */
  leaseMs?: number;
  /** Poll interval while the window is full of requests still in flight (default 250 ms). */
  pollMs?: number;
  /** Upper bound on a provider's Retry-After (default 60 s), as the in-process RateLimiter bounds it. */
  maxRetryAfterMs?: number;
  /** Pause for a 429 that names no wait (default 5 s). */
  defaultRetryAfterMs?: number;
  /** 429s absorbed per call before it fails with a retryable RateLimitedError (default 5). */
  maxRateLimitRetries?: number;
  /** Called with the pause of every 429, after the shared pause is set (the worker stops fetching jobs too). */
  onPause?: (waitMs: number) => Promise<void> | void;
}

// A charge is a sorted-set member "<id>|<tokens>" scored with the time it stops being "now": while its request
// is in flight that is now + lease, once it ends the end time. A request is admitted only when the window before
// now holds fewer than rpm charges, so two admissions rpm apart are a full window apart measured from the END of
// the earlier request: whatever the latency, the provider never sees more than rpm requests in any window.
const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local pause = tonumber(redis.call('GET', KEYS[2]) or '0')
if pause > now then return {0, pause - now} end
local cfg = redis.call('HMGET', KEYS[3], 'rpm', 'tpm', 'window')
local rpm = tonumber(cfg[1])
local tpm = tonumber(cfg[2])
local window = tonumber(cfg[3]) or 60000
local lease = tonumber(ARGV[3])
local poll = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local wait = 0
if rpm or tpm then
  local charges = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
  local count = #charges / 2
  local function until_free(score)
    if score > now then return poll end
    return score + window - now
  end
  if rpm and count >= rpm then
    wait = math.max(wait, until_free(tonumber(charges[(count - rpm) * 2 + 2])))
  end
  if tpm and count > 0 then
    local needed = math.min(tonumber(ARGV[2]), tpm)
    local used = 0
    for i = 1, count do used = used + tonumber(string.match(charges[i * 2 - 1], '|(%d+)$')) end
    for i = 1, count do
      if used + needed <= tpm then break end
      used = used - tonumber(string.match(charges[i * 2 - 1], '|(%d+)$'))
      wait = math.max(wait, until_free(tonumber(charges[i * 2])))
    end
  end
end
if wait > 0 then return {0, wait} end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1] .. '|' .. ARGV[2])
redis.call('PEXPIRE', KEYS[1], lease + window)
return {1, 0}
`;

// Ends a charge: its score becomes the end time and its tokens the real usage.
const SETTLE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then redis.call('ZADD', KEYS[1], now, ARGV[2]) end
return now
`;

// Pauses the whole budget until now + wait, never shortening a longer pause already set.
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]) + 1000) end
return math.max(untilMs, current) - now
`;

const ADMIT_COMMAND = 'forgeBudgetAdmit';
const SETTLE_COMMAND = 'forgeBudgetSettle';
const PAUSE_COMMAND = 'forgeBudgetPause';

function keysOf(name: string) {
  // One hash tag: the three keys land in one slot on a Redis cluster, as a script needs.
  const base = `forge:{${name}}:budget`;
  return { charges: `${base}:charges`, pause: `${base}:pause`, config: `${base}:config` };
}

/** Publishes the budget of queue `name` for every worker (absent limits are removed). */
export async function publishBudget(client: RedisClient, name: string, budget: SharedBudget): Promise<void> {
  const { config } = keysOf(name);
  const fields: Array<[string, number | undefined]> = [
    ['rpm', budget.requestsPerMinute],
    ['tpm', budget.tokensPerMinute],
    ['window', budget.windowMs ?? 60_000],
  ];
  const set = Object.fromEntries(fields.filter(([, value]) => value !== undefined).map(([field, value]) => [field, String(value)]));
  const absent = fields.filter(([, value]) => value === undefined).map(([field]) => field);
  if (absent.length > 0) await client.hdel(config, ...absent);
  await client.hset(config, set);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The RPM/TPM budget of one queue kept in Redis, so every worker on every machine spends the same one; same
 * contract as the engine's in-process RateLimiter (`schedule`, `onRateLimited`), with Redis's clock.
 */
export class SharedRateLimiter {
  private readonly keys: ReturnType<typeof keysOf>;
  private readonly listeners = new Set<(waitMs: number) => void>();
  private readonly settings: Required<Omit<SharedRateLimiterOptions, 'onPause' | 'name'>>;

  constructor(
    private readonly client: RedisClient,
    private readonly options: SharedRateLimiterOptions,
  ) {
    this.keys = keysOf(options.name);
    client.defineCommand(ADMIT_COMMAND, { numberOfKeys: 3, lua: ADMIT });
    client.defineCommand(SETTLE_COMMAND, { numberOfKeys: 1, lua: SETTLE });
    client.defineCommand(PAUSE_COMMAND, { numberOfKeys: 1, lua: PAUSE });
    this.settings = { leaseMs: 600_000, pollMs: 250, maxRetryAfterMs: 60_000, defaultRetryAfterMs: 5_000, maxRateLimitRetries: 5, ...options };
  }

  /**
   * Runs `fn` once the shared budget admits `estimateTokens`, then charges its real tokens and end time. A 429
   * from `fn` pauses the whole budget (Retry-After, bounded) and retries; other errors pass through.
   */
  async schedule<T>(estimateTokens: number, fn: () => Promise<T>, actualTokens?: (result: T) => number): Promise<T> {
    const estimate = Math.max(0, Math.round(estimateTokens));
    for (let attempt = 0; ; attempt += 1) {
      const member = await this.admit(estimate);
      let charged = estimate;
      try {
        const result = await fn();
        const actual = actualTokens?.(result);
        if (actual !== undefined && Number.isFinite(actual) && actual >= 0) charged = Math.round(actual);
        return result;
      } catch (error) {
        const retryAfter = rateLimitOf(error, Date.now());
        if (retryAfter === undefined) throw error;
        const waitMs = Math.min(retryAfter ?? this.settings.defaultRetryAfterMs, this.settings.maxRetryAfterMs);
        await this.pause(waitMs);
        if (attempt >= this.settings.maxRateLimitRetries) {
          throw error instanceof RateLimitedError ? error : new RateLimitedError({ cause: error, retryAfterMs: retryAfter ?? undefined });
        }
      } finally {
        await this.client.runCommand(SETTLE_COMMAND, [this.keys.charges, member, `${member.split('|')[0]}|${charged}`]);
      }
    }
  }

  /** Pauses every worker's model calls for `waitMs` (a longer pause already set stays). */
  async pause(waitMs: number): Promise<void> {
    await this.client.runCommand(PAUSE_COMMAND, [this.keys.pause, String(Math.max(0, Math.round(waitMs)))]);
    for (const listener of this.listeners) listener(waitMs);
    await this.options.onPause?.(waitMs);
  }

  /** Calls `listener(waitMs)` on every 429 this limiter absorbs; returns the unsubscribe function. */
  onRateLimited(listener: (waitMs: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async admit(tokens: number): Promise<string> {
    const id = randomBytes(8).toString('hex');
    for (;;) {
      const [admitted, waitMs] = (await this.client.runCommand(ADMIT_COMMAND, [this.keys.charges, this.keys.pause, this.keys.config, id, String(tokens), String(this.settings.leaseMs), String(this.settings.pollMs)])) as [number, number];
      if (admitted === 1) return `${id}|${tokens}`;
      await sleep(Math.max(1, waitMs));
    }
  }
}
