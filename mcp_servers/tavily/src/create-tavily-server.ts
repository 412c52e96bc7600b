import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { TavilyBackend } from './tavily-backend.ts';
import { registerExtract } from './tools/tavily-extract.ts';
import { registerSearch } from './tools/tavily-search.ts';

/** An MCP server exposing tavily_search and tavily_extract over the given backend. */
export function createTavilyServer(backend: TavilyBackend): McpServer {
  const server = new McpServer({ name: 'tavily', version: '0.1.0' });
  registerSearch(server, backend);
  registerExtract(server, backend);
  return server;
}
