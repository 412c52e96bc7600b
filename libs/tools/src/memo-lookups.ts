import type { ToolCaller, ToolCallOptions, ToolResult, ToolSpec } from './tool-spec.ts';

/**
 * The planners' read-only lookups of reference data: the market clock, name → ticker search and company profiles.
 * Each is declared `readOnlyHint: true` by its server, and, unlike quotes, bars or screens, its answer does not
 * move with prices, so one answer serves every prompt of a run (issue 14 measured 2.6 such calls a prompt, 4.1 ms).
 * A list rather than the annotation alone: 18 of the 19 tools are read-only, and read-only says "safe to call", not
 * "the same answer all run" (a quote changes by the second in live mode; Slack history differs per episode).
 */
export const PLANNING_LOOKUPS: readonly string[] = Object.freeze(['polygon.polygon_get_market_status', 'fmp.fmp_search_ticker', 'fmp.fmp_get_company_profile']);

export interface MemoLookupsOptions {
  /** "server.tool" names to memoize; defaults to PLANNING_LOOKUPS. */
  lookups?: readonly string[];
  /**
   * How long an answer stays good, in ms (default: the whole run). A frozen snapshot never changes; in live mode a
   * bounded age keeps the market clock and "today" current over a long run.
   */
  maxAgeMs?: number;
  now?: () => number;
}

/** A ToolCaller that answers repeated planning lookups from memory, with counts for the bench. */
export interface LookupMemo extends ToolCaller {
  stats(): { lookups: number; hits: number };
}

/** Object keys sorted at every level, so `{a, b}` and `{b, a}` are one key. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** A private copy of a successful result, so a caller that edits what it got cannot change what the next one gets. */
function copyOf(result: ToolResult & { ok: true }, latencyMs: number): ToolResult {
  return { ok: true, structuredContent: structuredClone(result.structuredContent), text: result.text, latencyMs };
}

/**
 * Wraps a ToolCaller so calls of the `lookups` tools made outside any episode are made once per run, keyed by
 * server, tool and canonical arguments, and shared by every prompt (concurrent identical calls share one request).
 * Only successes are kept: after a failure the next call asks the server again. A call that carries an episode
 * belongs to a sample's trace and is always passed through, so wrapping the run's shared caller changes no trace.
 */
export function memoLookups(caller: ToolCaller, options: MemoLookupsOptions = {}): LookupMemo {
  const lookups = new Set(options.lookups ?? PLANNING_LOOKUPS);
  const maxAgeMs = options.maxAgeMs ?? Number.POSITIVE_INFINITY;
  const now = options.now ?? (() => performance.now());
  const answers = new Map<string, { result: ToolResult & { ok: true }; at: number }>();
  const inFlight = new Map<string, Promise<ToolResult>>();
  const counts = { lookups: 0, hits: 0 };

  const call = async (server: string, tool: string, args: Record<string, unknown>, callOptions?: ToolCallOptions): Promise<ToolResult> => {
    if (callOptions?.episode !== undefined || !lookups.has(`${server}.${tool}`)) return caller.call(server, tool, args, callOptions);
    counts.lookups += 1;
    const key = JSON.stringify([server, tool, canonical(args)]);
    const known = answers.get(key);
    if (known && now() - known.at <= maxAgeMs) {
      counts.hits += 1;
      return copyOf(known.result, 0);
    }
    const pending = inFlight.get(key);
    if (pending) {
      const shared = await pending.catch(() => undefined);
      if (shared?.ok) {
        counts.hits += 1;
        return copyOf(shared, 0);
      }
      return caller.call(server, tool, args, callOptions);
    }
    const request = caller.call(server, tool, args, callOptions);
    inFlight.set(key, request);
    try {
      const result = await request;
      if (result.ok) {
        answers.set(key, { result: copyOf(result, result.latencyMs) as ToolResult & { ok: true }, at: now() });
      }
      return result;
    } finally {
      inFlight.delete(key);
    }
  };

  return {
    inventory: (): ToolSpec[] => caller.inventory(),
    call,
    stats: () => ({ ...counts }),
  };
}
