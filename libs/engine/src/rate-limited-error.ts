import { ForgeError, type ErrorContext } from '@forge/errors';

/** A provider refused a call for rate limits (HTTP 429); retryable, with the wait it asked for when known. */
export class RateLimitedError extends ForgeError {
  readonly retryAfterMs: number | undefined;

  constructor(context: ErrorContext & { retryAfterMs?: number }) {
    super({ problem: 'rate limited by the provider (429)', retryable: true, ...context });
    this.retryAfterMs = context.retryAfterMs;
  }
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const value = (headers as { get(name: string): string | null }).get(name);
    return value ?? undefined;
  }
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Parses Retry-After (seconds or an HTTP date) and retry-after-ms, relative to `now`. */
function retryAfterFromHeaders(headers: unknown, now: number): number | undefined {
  const milliseconds = Number(header(headers, 'retry-after-ms'));
  if (Number.isFinite(milliseconds) && milliseconds >= 0 && header(headers, 'retry-after-ms') !== undefined) return milliseconds;
  const value = header(headers, 'retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Recognises a rate-limit refusal in any error (ours, an openai APIError with status 429, or either as a `cause`)
 * and returns the wait it asked for: a number of ms, `null` for a 429 without a usable Retry-After, or undefined
 * when the error is not a rate limit at all.
 */
export function rateLimitOf(error: unknown, now: number): number | null | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    if (current instanceof RateLimitedError) return current.retryAfterMs ?? null;
    if ((current as { status?: unknown }).status === 429) {
      return retryAfterFromHeaders((current as { headers?: unknown }).headers, now) ?? null;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
