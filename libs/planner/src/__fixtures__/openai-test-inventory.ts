import type { Entry } from '@forge/catalog';
import type { ToolSpec } from '@forge/tools';

/** A three-tool slice of docs/tools.md, enough for the worked-example plan. */
export const TEST_INVENTORY: ToolSpec[] = [
  {
    server: 'fmp',
    tool: 'fmp_get_quote',
    description: 'Latest quote for a symbol',
    inputSchema: { type: 'object', properties: { symbol: { type: 'string' } }, required: ['symbol'], additionalProperties: false },
    outputSchema: {
      type: 'object',
      properties: { symbol: { type: 'string' }, price: { type: 'number' }, previousClose: { type: 'number' }, changesPercentage: { type: 'number' } },
    },
  },
  {
    server: 'polygon',
    tool: 'polygon_get_news',
    description: 'Recent news for a ticker, newest first',
    inputSchema: { type: 'object', properties: { ticker: { type: 'string' }, limit: { type: 'integer' } }, required: ['ticker'] },
    outputSchema: {
      type: 'object',
      properties: { ticker: { type: 'string' }, count: { type: 'integer' }, results: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' } } } } },
    },
  },
  {
    server: 'python',
    tool: 'execute_python',
    description: 'Run sandboxed Python; the variable result is returned',
    inputSchema: { type: 'object', properties: { code: { type: 'string' }, inputs: { type: 'object' } }, required: ['code'] },
    outputSchema: { type: 'object', properties: { result: {}, stdout: { type: 'string' } } },
  },
];

export function testEntry(overrides: Partial<Entry> = {}): Entry {
  return {
    prompt_id: 'E01',
    user_prompt: "How did Apple's stock move in the last session, and what is in the news about it?",
    complexity: 'simple',
    original_complexity: 'easy',
    metadata: {},
    ...overrides,
  };
}
