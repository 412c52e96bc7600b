import { PlanSchema, type Plan, type PlanIssue } from '@forge/plan';

export type PlanReply = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

const FENCE = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i;

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

function stepOf(path: readonly PropertyKey[]): number | undefined {
  return path[0] === 'tool_sequence' && typeof path[1] === 'number' ? path[1] + 1 : undefined;
}

/**
 * Reads a model reply as a plan: tolerant of code fences and a `{"plan": …}` wrapper, strict on the shape.
 * Failures become parse-error issues so the repair round can quote them back.
 */
export function parsePlanReply(content: string): PlanReply {
  const text = content.match(FENCE)?.[1] ?? content;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const shown = text.length > 120 ? `${text.slice(0, 119)}…` : text;
    return {
      ok: false,
      issues: [{ severity: 'error', code: 'parse-error', field: '(reply)', message: `the reply is not valid JSON (${reason}); it began: ${shown}` }],
    };
  }
  if (typeof json === 'object' && json !== null && !('tool_sequence' in json) && 'plan' in json) {
    json = (json as { plan: unknown }).plan;
  }
  const parsed = PlanSchema.safeParse(json);
  if (parsed.success) return { ok: true, plan: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => {
      const step = stepOf(issue.path);
      const field = formatPath(issue.path) || '(plan)';
      return {
        severity: 'error' as const,
        code: 'parse-error' as const,
        ...(step !== undefined ? { step } : {}),
        field,
        message: `${field}: ${issue.message}`,
      };
    }),
  };
}
