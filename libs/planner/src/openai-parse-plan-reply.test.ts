import { describe, expect, it } from 'vitest';
import { OPENAI_PLAN_EXAMPLE } from './openai-plan-example.ts';
import { parsePlanReply } from './openai-parse-plan-reply.ts';

const plan = OPENAI_PLAN_EXAMPLE.plan;

describe('parsePlanReply', () => {
  it('accepts plain JSON, a fenced block and a {"plan": …} wrapper', () => {
    expect(parsePlanReply(JSON.stringify(plan))).toEqual({ ok: true, plan });
    expect(parsePlanReply(`\`\`\`json\n${JSON.stringify(plan)}\n\`\`\``)).toEqual({ ok: true, plan });
    expect(parsePlanReply(JSON.stringify({ plan }))).toEqual({ ok: true, plan });
  });

  it('reports invalid JSON as one parse-error issue', () => {
    const reply = parsePlanReply('{"tool_sequence": [');
    expect(reply).toMatchObject({ ok: false, issues: [{ severity: 'error', code: 'parse-error', field: '(reply)' }] });
  });

  it('reports shape errors with the step and the field path', () => {
    const broken = { ...plan, tool_sequence: [{ ...plan.tool_sequence[0], params: 'AAPL' }] };
    const reply = parsePlanReply(JSON.stringify(broken));
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.issues).toEqual([expect.objectContaining({ code: 'parse-error', step: 1, field: 'tool_sequence[0].params' })]);
  });
});
