import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { FmpBackend } from './fmp-backend.ts';
import { registerGetCompanyProfile } from './tools/fmp-get-company-profile.ts';
import { registerGetIncomeStatement } from './tools/fmp-get-income-statement.ts';
import { registerGetMarketMovers } from './tools/fmp-get-market-movers.ts';
import { registerGetQuote } from './tools/fmp-get-quote.ts';
import { registerSearchTicker } from './tools/fmp-search-ticker.ts';
import { registerStockScreener } from './tools/fmp-stock-screener.ts';

/** An MCP server exposing the fmp_* tools over the given backend. */
export function createFmpServer(backend: FmpBackend): McpServer {
  const server = new McpServer({ name: 'fmp', version: '0.1.0' });
  registerGetQuote(server, backend);
  registerGetCompanyProfile(server, backend);
  registerGetIncomeStatement(server, backend);
  registerSearchTicker(server, backend);
  registerGetMarketMovers(server, backend);
  registerStockScreener(server, backend);
  return server;
}
