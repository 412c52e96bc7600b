import type { ToolSpec } from '@forge/tools';

/** A slice of the real tool world's schemas, shaped like MCP tools/list output (draft-07, closed outputs). */
export const INVENTORY: ToolSpec[] = [
  {
    server: 'fmp',
    tool: 'fmp_get_quote',
    description: 'quote',
    inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { symbol: { type: 'string', pattern: '^[A-Z.]{1,6}$' } }, required: ['symbol'] },
    outputSchema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { symbol: { type: 'string' }, price: { type: 'number' }, changesPercentage: { type: 'number' }, pe: { anyOf: [{ type: 'number' }, { type: 'null' }] } },
      required: ['symbol', 'price'],
      additionalProperties: false,
    },
  },
  {
    server: 'tavily',
    tool: 'tavily_search',
    description: 'search',
    inputSchema: {
      type: 'object',
      properties: { query: { type: 'string' }, max_results: { type: 'integer', minimum: 1, maximum: 20 }, search_depth: { type: 'string', enum: ['basic', 'advanced'] } },
      required: ['query'],
    },
    outputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string' },
        results: {
          type: 'array',
          items: { type: 'object', properties: { url: { type: 'string' }, title: { type: 'string' }, score: { type: 'number' } }, additionalProperties: false },
        },
      },
      additionalProperties: false,
    },
  },
  {
    server: 'polygon',
    tool: 'polygon_get_news',
    description: 'news',
    inputSchema: { type: 'object', properties: { ticker: { type: 'string' }, limit: { type: 'integer' } }, required: ['ticker'] },
    outputSchema: {
      type: 'object',
      properties: { ticker: { type: 'string' }, results: { type: 'array', items: { $ref: '#/definitions/article' } } },
      additionalProperties: false,
      definitions: { article: { type: 'object', properties: { title: { type: 'string' }, article_url: { type: 'string' } }, additionalProperties: false } },
    },
  },
  { server: 'python', tool: 'execute_python', description: 'py', inputSchema: { type: 'object', properties: { code: { type: 'string' }, inputs: { type: 'object' } }, required: ['code'] } },
];
