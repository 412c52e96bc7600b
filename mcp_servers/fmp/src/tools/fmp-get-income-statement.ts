import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { FmpBackend } from '../fmp-backend.ts';

export const IncomeInputSchema = z.object({
  symbol: z.string().min(1).describe('Ticker symbol'),
  period: z.enum(['annual', 'quarter']).default('annual').describe('annual (FY) or quarter statements'),
  limit: z.number().int().min(1).max(40).default(4).describe('How many periods, newest first'),
});

export const IncomeStatementOutputSchema = z.object({
  date: z.string().describe('Period end date YYYY-MM-DD'),
  symbol: z.string().describe('Ticker symbol'),
  reportedCurrency: z.string().describe('Currency of the figures'),
  fiscalYear: z.string().describe('Fiscal year label, e.g. "2026"'),
  period: z.enum(['FY', 'Q1', 'Q2', 'Q3', 'Q4']).describe('FY for annual, Q1–Q4 for quarters'),
  filingDate: z.string().optional().describe('Date the statement was filed'),
  revenue: z.number().describe('Total revenue'),
  costOfRevenue: z.number().describe('Cost of revenue'),
  grossProfit: z.number().describe('revenue − costOfRevenue'),
  grossProfitRatio: z.number().describe('grossProfit / revenue'),
  researchAndDevelopmentExpenses: z.number().describe('R&D expenses'),
  sellingGeneralAndAdministrativeExpenses: z.number().describe('SG&A expenses'),
  operatingExpenses: z.number().describe('Operating expenses'),
  operatingIncome: z.number().describe('grossProfit − operatingExpenses'),
  operatingIncomeRatio: z.number().describe('operatingIncome / revenue'),
  incomeBeforeTax: z.number().describe('Pre-tax income'),
  incomeTaxExpense: z.number().describe('Income tax expense'),
  netIncome: z.number().describe('incomeBeforeTax − incomeTaxExpense'),
  netIncomeRatio: z.number().describe('netIncome / revenue'),
  eps: z.number().describe('Basic EPS in USD'),
  epsdiluted: z.number().describe('Diluted EPS in USD'),
  weightedAverageShsOut: z.number().describe('Weighted average basic shares'),
  weightedAverageShsOutDil: z.number().optional().describe('Weighted average diluted shares'),
});

export const IncomeOutputSchema = z.object({
  symbol: z.string().describe('Ticker symbol'),
  period: z.enum(['annual', 'quarter']).describe('The period asked for'),
  results: z.array(IncomeStatementOutputSchema).describe('Statements, newest first (empty for ETFs)'),
});
export type IncomeOutput = z.infer<typeof IncomeOutputSchema>;
export type IncomeRequest = z.infer<typeof IncomeInputSchema>;

/** Registers fmp_get_income_statement. */
export function registerGetIncomeStatement(server: McpServer, backend: FmpBackend): void {
  server.registerTool(
    'fmp_get_income_statement',
    {
      title: 'Income statements',
      description: 'Annual or quarterly income statements for one ticker, newest first: revenue, margins, operating and net income, EPS.',
      inputSchema: IncomeInputSchema,
      outputSchema: IncomeOutputSchema,
      annotations: { readOnlyHint: true },
    },
    async (request) => {
      const output = await backend.getIncomeStatement(request);
      const latest = output.results[0];
      const text = latest
        ? `${output.symbol}: ${output.results.length} ${output.period} statements, latest ${latest.period} ${latest.fiscalYear} revenue ${latest.revenue}`
        : `${output.symbol}: no income statements`;
      return { structuredContent: output, content: [{ type: 'text', text }] };
    },
  );
}
