/** A tool as the system prompt lists it. */
export interface ToolListing {
  server: string;
  tool: string;
  description: string;
}

/**
 * The tool world of docs/tools.md, used for the system prompt when the run left no inventory behind
 * (the record keeps only the inventory's hash). Keep in step with docs/tools.md.
 */
export const DEFAULT_TOOL_INVENTORY: readonly ToolListing[] = [
  { server: 'polygon', tool: 'polygon_get_aggs', description: 'OHLCV bars for a ticker between two dates (day, hour or minute)' },
  { server: 'polygon', tool: 'polygon_get_news', description: 'recent news articles for a ticker, newest first, with sentiment insights' },
  { server: 'polygon', tool: 'polygon_get_ticker_details', description: 'company reference data: name, exchange, market cap, employees, description' },
  { server: 'polygon', tool: 'polygon_get_market_status', description: 'whether the market is open now, next open/close, holidays' },
  { server: 'polygon', tool: 'polygon_get_previous_close', description: 'the latest session\'s daily bar for a ticker' },
  { server: 'fmp', tool: 'fmp_get_quote', description: 'real-time style quote: price, change, changesPercentage (percent), volume, averages, P/E' },
  { server: 'fmp', tool: 'fmp_get_company_profile', description: 'company profile: sector, industry, CEO, beta, market cap, description' },
  { server: 'fmp', tool: 'fmp_get_income_statement', description: 'annual or quarterly income statements, newest first' },
  { server: 'fmp', tool: 'fmp_search_ticker', description: 'find ticker symbols by symbol or company name' },
  { server: 'fmp', tool: 'fmp_get_market_gainers', description: 'top gaining stocks of the session' },
  { server: 'fmp', tool: 'fmp_get_market_losers', description: 'top losing stocks of the session' },
  { server: 'fmp', tool: 'fmp_stock_screener', description: 'stocks of a sector or industry, largest market cap first' },
  { server: 'tavily', tool: 'tavily_search', description: 'web search returning ranked results with url, title, content and score' },
  { server: 'tavily', tool: 'tavily_extract', description: 'extract the raw content of given URLs' },
  { server: 'python', tool: 'execute_python', description: 'run sandboxed Python (json, math, statistics preloaded); the variable `result` is returned' },
  { server: 'slack', tool: 'list_slack_channels', description: 'list Slack channels with topic and member count' },
  { server: 'slack', tool: 'send_slack_message', description: 'post a message to a Slack channel' },
  { server: 'slack', tool: 'get_slack_channel_history', description: 'recent messages of a Slack channel, newest first' },
];
