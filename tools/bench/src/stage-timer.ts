import type { Pipeline } from '@forge/engine';
import type { ToolCallOptions, ToolCaller } from '@forge/tools';

/** Milliseconds spent per stage (summed over samples), and per server split into planning lookups and trace calls. */
export interface StageTotals {
  plan_ms: number;
  check_ms: number;
  run_ms: number;
  compose_ms: number;
  grounding_ms: number;
  /** `<server>` → time and calls of the planners' lookups (outside an episode) and of the trace (inside one). */
  servers: Record<string, { lookup_ms: number; lookups: number; trace_ms: number; trace_calls: number }>;
}

export interface TimedPipeline {
  pipeline: Pipeline;
  totals: StageTotals;
}

const now = () => performance.now();

/**
 * Wraps a pipeline's parts with timers, so a concurrency-1 run splits each sample's wall time into stages. The
 * plan stage includes its tool lookups (generate passes the pipeline's tools to the planner) and the run stage its
 * tool calls; the per-server figures show those calls alone. At concurrency > 1 stages overlap and the sums exceed the wall time.
 */
export function timePipeline(inner: Pipeline): TimedPipeline {
  const totals: StageTotals = { plan_ms: 0, check_ms: 0, run_ms: 0, compose_ms: 0, grounding_ms: 0, servers: {} };
  const timed = async <T>(field: Exclude<keyof StageTotals, 'servers'>, fn: () => T | Promise<T>): Promise<T> => {
    const started = now();
    try {
      return await fn();
    } finally {
      totals[field] += now() - started;
    }
  };
  const tools: ToolCaller = {
    inventory: () => inner.tools.inventory(),
    call: async (server: string, tool: string, args: Record<string, unknown>, options?: ToolCallOptions) => {
      const started = now();
      try {
        return await inner.tools.call(server, tool, args, options);
      } finally {
        const entry = (totals.servers[server] ??= { lookup_ms: 0, lookups: 0, trace_ms: 0, trace_calls: 0 });
        if (options?.episode === undefined) {
          entry.lookup_ms += now() - started;
          entry.lookups += 1;
        } else {
          entry.trace_ms += now() - started;
          entry.trace_calls += 1;
        }
      }
    },
  };
  const pipeline: Pipeline = {
    ...inner,
    tools,
    planner: { id: inner.planner.id, model: inner.planner.model, plan: (request) => timed('plan_ms', () => inner.planner.plan(request)) },
    composer: { id: inner.composer.id, compose: (entry, plan, trace) => timed('compose_ms', () => inner.composer.compose(entry, plan, trace)) },
    checkPlan: (plan, inventory, options) => timed('check_ms', () => inner.checkPlan(plan, inventory, options)),
    runPlan: (plan, caller) => timed('run_ms', () => inner.runPlan(plan, caller)),
    checkGrounding: (reference, plan) => timed('grounding_ms', () => inner.checkGrounding(reference, plan)),
  };
  return { pipeline, totals };
}
