import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ValidateFunction } from 'ajv';
import { expect } from 'vitest';

export type CheckedCall = (name: string, args: Record<string, unknown>) => Promise<Record<string, unknown>>;

/**
 * Calls a tool and asserts the call succeeded, its structured content matches the tool's output schema,
 * and it carries a non-empty text rendering; returns the structured content.
 */
export function checkedCaller(client: Client, validators: Map<string, ValidateFunction>): CheckedCall {
  return async (name, args) => {
    const result = await client.callTool({ name, arguments: args });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const structured = result.structuredContent as Record<string, unknown>;
    const validate = validators.get(name)!;
    expect(validate(structured), JSON.stringify(validate.errors)).toBe(true);
    expect((result.content as Array<{ text: string }>)[0].text.length).toBeGreaterThan(0);
    return structured;
  };
}
