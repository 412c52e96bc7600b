import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkPlan } from '@forge/plan';
import type { ToolSpec } from '@forge/tools';
import { QuoteInputSchema, QuoteOutputSchema } from '@forge/mcp-fmp';
import { ExecutePythonInputSchema, ExecutePythonOutputSchema } from '@forge/mcp-python';
import { TEST_INVENTORY } from './__fixtures__/openai-test-inventory.ts';
import { OPENAI_PLAN_EXAMPLE } from './openai-plan-example.ts';

const spec = (server: string, tool: string, input: z.ZodType, output: z.ZodType): ToolSpec => ({
  server,
  tool,
  description: tool,
  inputSchema: z.toJSONSchema(input) as Record<string, unknown>,
  outputSchema: z.toJSONSchema(output) as Record<string, unknown>,
});

describe('OPENAI_PLAN_EXAMPLE', () => {
  // The model copies the example's habits, so it must pass the checker against the servers' real schemas.
  it('passes checkPlan against the real fmp and python tool schemas without any issue', () => {
    const inventory = [
      spec('fmp', 'fmp_get_quote', QuoteInputSchema, QuoteOutputSchema),
      spec('python', 'execute_python', ExecutePythonInputSchema, ExecutePythonOutputSchema),
      // The polygon server exports no schemas yet; its news shape follows docs/tools.md.
      ...TEST_INVENTORY.filter((tool) => tool.server === 'polygon'),
    ];
    expect(checkPlan(OPENAI_PLAN_EXAMPLE.plan, inventory, { complexity: 'simple' })).toEqual([]);
  });
});
