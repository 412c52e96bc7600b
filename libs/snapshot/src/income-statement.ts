import { z } from 'zod';

/** One FMP-shaped income statement; every derived line adds up (see the snapshot README). */
export const IncomeStatementSchema = z.object({
  date: z.iso.date(),
  symbol: z.string(),
  reportedCurrency: z.string(),
  fiscalYear: z.string(),
  period: z.enum(['FY', 'Q1', 'Q2', 'Q3', 'Q4']),
  filingDate: z.iso.date(),
  revenue: z.number().int(),
  costOfRevenue: z.number().int(),
  grossProfit: z.number().int(),
  grossProfitRatio: z.number(),
  researchAndDevelopmentExpenses: z.number().int(),
  sellingGeneralAndAdministrativeExpenses: z.number().int(),
  operatingExpenses: z.number().int(),
  operatingIncome: z.number().int(),
  operatingIncomeRatio: z.number(),
  incomeBeforeTax: z.number().int(),
  incomeTaxExpense: z.number().int(),
  netIncome: z.number().int(),
  netIncomeRatio: z.number(),
  eps: z.number(),
  epsdiluted: z.number(),
  weightedAverageShsOut: z.number().int(),
  weightedAverageShsOutDil: z.number().int(),
});
export type IncomeStatement = z.infer<typeof IncomeStatementSchema>;

/** `income.json`: per symbol, annual and quarterly statements newest first (ETFs have none). */
export const IncomeFileSchema = z.record(
  z.string(),
  z.object({ annual: z.array(IncomeStatementSchema), quarter: z.array(IncomeStatementSchema) }),
);
export type IncomeFile = z.infer<typeof IncomeFileSchema>;
