/** What the generator knows about one symbol: public facts plus the parameters of its synthetic series. */
export interface Company {
  symbol: string;
  name: string;
  /** How news headlines call it ("Apple", "Super Micro"). */
  short: string;
  etf: boolean;
  /** NASDAQ, NYSE or NYSEARCA. */
  listing: 'NASDAQ' | 'NYSE' | 'NYSEARCA';
  country: string;
  sector: string;
  industry: string;
  sic: string | null;
  ceo: string | null;
  website: string;
  employees: number | null;
  ipoDate: string;
  shares: number;
  beta: number;
  lastDiv: number;
  aliases: string[];
  /** Last close the synthetic walk is scaled to, and its daily volatility. */
  price: number;
  volatility: number;
  /** Typical daily volume (shares). */
  volume: number;
  /** The as_of session: % move, % move over the last five sessions, volume ÷ 50-session average. */
  story: [number, number, number];
  /** Fiscal year end month (1–12) and the income model; null for ETFs. */
  income: null | {
    fiscalYearEndMonth: number;
    /** Trailing-twelve-month revenue in billions of USD, yearly growth, gross margin, R&D, SG&A, other income, tax rate (ratios). */
    revenue: number;
    growth: number;
    grossMargin: number;
    research: number;
    selling: number;
    otherIncome: number;
    taxRate: number;
  };
  themes: string[];
  /** Two or three plain sentences about the business. */
  business: string;
}
