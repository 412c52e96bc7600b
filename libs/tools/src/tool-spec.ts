import { z } from 'zod';

/** A JSON Schema object as MCP `tools/list` returns it. */
export type JsonSchema = Record<string, unknown>;

/** One tool as the inventory shows it to planners and the plan checker. */
export const ToolSpecSchema = z.object({
  server: z.string(),
  tool: z.string(),
  description: z.string(),
  inputSchema: z.record(z.string(), z.unknown()),
  outputSchema: z.record(z.string(), z.unknown()).optional(),
});
export type ToolSpec = z.infer<typeof ToolSpecSchema>;

/** The result of one tool call: a structured object, or an error that says what went wrong. */
export type ToolResult =
  | { ok: true; structuredContent: Record<string, unknown>; text: string; latencyMs: number }
  | { ok: false; kind: 'tool_error' | 'transport_error' | 'timeout'; error: string; latencyMs: number };

/** Per-call context sent alongside the arguments. */
export interface ToolCallOptions {
  /**
   * The episode (one sample of a run) this call belongs to, sent as request `_meta['forge/episode']`. Stateful
   * servers (the snapshot Slack workspace) show each episode the seed state plus its own writes only.
   */
  episode?: string;
  /**
   * The call's position in its episode (the plan step, counted from 0). With the episode it makes the idempotency key of
   * a write (a tool not marked idempotent), sent as `_meta['forge/idempotency-key']`, and `_meta['forge/step']`.
   */
  step?: number;
  /** Aborts the call in flight (the MCP request is cancelled) and any retry of it: the run is stopping. */
  signal?: AbortSignal;
}

/** The narrow face runPlan and planners need; ToolHub implements it over MCP, tests use fakes. */
export interface ToolCaller {
  inventory(): ToolSpec[];
  call(server: string, tool: string, args: Record<string, unknown>, options?: ToolCallOptions): Promise<ToolResult>;
}
