import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { PolygonBackend } from './polygon-backend.ts';
import { registerGetAggs } from './tools/polygon-get-aggs.ts';
import { registerGetMarketStatus } from './tools/polygon-get-market-status.ts';
import { registerGetNews } from './tools/polygon-get-news.ts';
import { registerGetPreviousClose } from './tools/polygon-get-previous-close.ts';
import { registerGetTickerDetails } from './tools/polygon-get-ticker-details.ts';

/** An MCP server exposing the polygon_* tools over the given backend. */
export function createPolygonServer(backend: PolygonBackend): McpServer {
  const server = new McpServer({ name: 'polygon', version: '0.1.0' });
  registerGetAggs(server, backend);
  registerGetNews(server, backend);
  registerGetTickerDetails(server, backend);
  registerGetMarketStatus(server, backend);
  registerGetPreviousClose(server, backend);
  return server;
}
