import { addDays, createRandom, hashSeed, roundTo, type IncomeStatement } from '@forge/snapshot';
import type { Company } from './company.ts';

/** Days from a quarter's end to its filing, and from a fiscal year's end to the annual filing. */
export const QUARTER_FILING_LAG_DAYS = 35;
export const ANNUAL_FILING_LAG_DAYS = 60;
/** Quarters modelled per company; the newest 8 are published, the rest only feed annual sums. */
const MODELLED_QUARTERS = 20;
const PUBLISHED_QUARTERS = 8;
const PUBLISHED_YEARS = 4;

interface Lines {
  revenue: number;
  costOfRevenue: number;
  research: number;
  selling: number;
  otherIncome: number;
  incomeTaxExpense: number;
  shares: number;
}

function monthEnd(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function ratio(value: number, revenue: number): number {
  return roundTo(value / revenue, 6);
}

/** Builds one statement whose derived lines add up exactly from its base lines. */
function toStatement(symbol: string, date: string, fiscalYear: number, period: IncomeStatement['period'], filingDate: string, lines: Lines): IncomeStatement {
  const grossProfit = lines.revenue - lines.costOfRevenue;
  const operatingExpenses = lines.research + lines.selling;
  const operatingIncome = grossProfit - operatingExpenses;
  const incomeBeforeTax = operatingIncome + lines.otherIncome;
  const netIncome = incomeBeforeTax - lines.incomeTaxExpense;
  const diluted = Math.round(lines.shares * 1.006);
  return {
    date, symbol, reportedCurrency: 'USD', fiscalYear: String(fiscalYear), period, filingDate,
    revenue: lines.revenue, costOfRevenue: lines.costOfRevenue, grossProfit, grossProfitRatio: ratio(grossProfit, lines.revenue),
    researchAndDevelopmentExpenses: lines.research, sellingGeneralAndAdministrativeExpenses: lines.selling,
    operatingExpenses, operatingIncome, operatingIncomeRatio: ratio(operatingIncome, lines.revenue),
    incomeBeforeTax, incomeTaxExpense: lines.incomeTaxExpense, netIncome, netIncomeRatio: ratio(netIncome, lines.revenue),
    eps: roundTo(netIncome / lines.shares, 2), epsdiluted: roundTo(netIncome / diluted, 2),
    weightedAverageShsOut: lines.shares, weightedAverageShsOutDil: diluted,
  };
}

/**
 * Quarterly statements from a growth-and-margins model, and annual statements as the exact sum of each fiscal
 * year's four quarters. Only periods filed by `asOfDate` appear. Newest first.
 */
export function generateIncome(company: Company, asOfDate: string, seed: number): { annual: IncomeStatement[]; quarter: IncomeStatement[] } {
  const model = company.income;
  if (!model) return { annual: [], quarter: [] };
  const random = createRandom(hashSeed(`${seed}:${company.symbol}:income`));
  const ends: Array<{ date: string; fiscalYear: number; quarter: number }> = [];
  let [year, month] = asOfDate.split('-').map(Number);
  while (ends.length < MODELLED_QUARTERS) {
    const offset = (((month - model.fiscalYearEndMonth) % 12) + 12) % 12;
    const date = monthEnd(year, month);
    if (offset % 3 === 0 && addDays(date, QUARTER_FILING_LAG_DAYS) <= asOfDate) {
      const monthsToYearEnd = (12 - offset) % 12;
      const fiscalYear = month + monthsToYearEnd > 12 ? year + 1 : year;
      ends.push({ date, fiscalYear, quarter: 4 - monthsToYearEnd / 3 });
    }
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  ends.reverse();
  const quarters = ends.map((end, index) => {
    // Centred on the newest four quarters, so trailing-twelve-month revenue lands near the model's level.
    const age = (ends.length - 2.5 - index) / 4;
    const revenue = Math.round(((model.revenue * 1e9) / 4) * (1 + model.growth) ** -age * (1 + random.normal() * 0.02));
    const around = (share: number): number => Math.round(revenue * share * (1 + random.normal() * 0.03));
    const costOfRevenue = Math.round(revenue * (1 - model.grossMargin + random.normal() * 0.008));
    const otherIncome = Math.round(revenue * model.otherIncome);
    const research = around(model.research);
    const selling = around(model.selling);
    const incomeBeforeTax = revenue - costOfRevenue - research - selling + otherIncome;
    const lines: Lines = {
      revenue, costOfRevenue, research, selling, otherIncome,
      incomeTaxExpense: Math.round(incomeBeforeTax * model.taxRate),
      shares: Math.round(company.shares * (1 + 0.004 * (ends.length - 1 - index))),
    };
    return { end, lines, statement: toStatement(company.symbol, end.date, end.fiscalYear, `Q${end.quarter}` as IncomeStatement['period'], addDays(end.date, QUARTER_FILING_LAG_DAYS), lines) };
  });
  const annual: IncomeStatement[] = [];
  for (const fiscalYear of [...new Set(ends.map((end) => end.fiscalYear))]) {
    const members = quarters.filter((entry) => entry.end.fiscalYear === fiscalYear);
    const last = members[members.length - 1];
    const filingDate = addDays(last.end.date, ANNUAL_FILING_LAG_DAYS);
    if (members.length !== 4 || last.end.quarter !== 4 || filingDate > asOfDate) continue;
    const sum = (key: keyof Lines): number => members.reduce((total, entry) => total + entry.lines[key], 0);
    annual.push(toStatement(company.symbol, last.end.date, fiscalYear, 'FY', filingDate, {
      revenue: sum('revenue'), costOfRevenue: sum('costOfRevenue'), research: sum('research'), selling: sum('selling'),
      otherIncome: sum('otherIncome'), incomeTaxExpense: sum('incomeTaxExpense'), shares: Math.round(sum('shares') / 4),
    }));
  }
  return {
    annual: annual.reverse().slice(0, PUBLISHED_YEARS),
    quarter: quarters.map((entry) => entry.statement).reverse().slice(0, PUBLISHED_QUARTERS),
  };
}
