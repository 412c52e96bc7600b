import type { ToolCaller, ToolResult, ToolSpec } from '@forge/tools';

type Answer = Record<string, unknown> | { error: string } | ((args: Record<string, unknown>) => Record<string, unknown>);

/** A ToolCaller answering from a script keyed by "server.tool", recording every call it receives. */
export class FakeToolCaller implements ToolCaller {
  readonly calls: Array<{ server: string; tool: string; args: Record<string, unknown> }> = [];

  constructor(
    private readonly answers: Record<string, Answer>,
    private readonly specs: ToolSpec[] = [],
  ) {}

  inventory(): ToolSpec[] {
    return this.specs;
  }

  async call(server: string, tool: string, args: Record<string, unknown>): Promise<ToolResult> {
    this.calls.push({ server, tool, args });
    const answer = this.answers[`${server}.${tool}`];
    if (answer === undefined) return { ok: false, kind: 'tool_error', error: `no scripted answer for ${server}.${tool}`, latencyMs: 1 };
    if (typeof answer === 'function') return { ok: true, structuredContent: answer(args), text: '', latencyMs: 3 };
    if ('error' in answer && typeof answer.error === 'string') return { ok: false, kind: 'tool_error', error: answer.error, latencyMs: 2 };
    return { ok: true, structuredContent: answer, text: JSON.stringify(answer), latencyMs: 3 };
  }
}
