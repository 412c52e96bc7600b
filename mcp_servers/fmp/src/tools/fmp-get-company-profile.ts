import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { FmpBackend } from '../fmp-backend.ts';

export const ProfileInputSchema = z.object({
  symbol: z.string().min(1).describe('Ticker symbol, e.g. MSFT'),
});

export const ProfileOutputSchema = z.object({
  symbol: z.string().describe('Ticker symbol'),
  companyName: z.string().describe('Company or fund name'),
  price: z.number().describe('Last price'),
  mktCap: z.number().describe('Market capitalization in USD'),
  beta: z.number().describe('Beta versus the market'),
  volAvg: z.number().describe('Average daily volume'),
  lastDiv: z.number().describe('Annual dividend per share in USD (0 when none)'),
  range: z.string().describe('52-week range "low-high"'),
  changes: z.number().describe('Price change from the previous close in USD'),
  currency: z.string().describe('Trading currency'),
  exchange: z.string().describe('Exchange full name'),
  exchangeShortName: z.string().describe('Exchange short name, e.g. NASDAQ, NYSE'),
  industry: z.string().describe('Industry'),
  sector: z.string().describe('Sector'),
  description: z.string().describe('What the company does'),
  ceo: z.string().nullable().describe('Chief executive; null for funds'),
  website: z.string().describe('Company website URL'),
  country: z.string().describe('Country code of the headquarters'),
  fullTimeEmployees: z.number().nullable().describe('Full-time employees; null for funds'),
  ipoDate: z.string().describe('Listing date YYYY-MM-DD'),
  isEtf: z.boolean().describe('True for exchange-traded funds'),
});
export type ProfileOutput = z.infer<typeof ProfileOutputSchema>;

/** Registers fmp_get_company_profile. */
export function registerGetCompanyProfile(server: McpServer, backend: FmpBackend): void {
  server.registerTool(
    'fmp_get_company_profile',
    {
      title: 'Company profile',
      description: 'Company profile for one ticker: name, sector, industry, CEO, description, website, employees, market cap, beta, dividend.',
      inputSchema: ProfileInputSchema,
      outputSchema: ProfileOutputSchema,
      annotations: { readOnlyHint: true },
    },
    async ({ symbol }) => {
      const profile = await backend.getCompanyProfile(symbol);
      return {
        structuredContent: profile,
        content: [{ type: 'text', text: `${profile.symbol}: ${profile.companyName} (${profile.sector} / ${profile.industry})` }],
      };
    },
  );
}
