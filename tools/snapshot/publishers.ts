import type { Company } from './company.ts';

/** A synthetic news outlet: its name, homepage (reserved `.example` domains, never a real site) and style. */
export interface Publisher {
  name: string;
  homepage_url: string;
  style: 'wire' | 'trade' | 'opinion' | 'policy';
  authors: string[];
}

function outlet(name: string, host: string, style: Publisher['style'], authors: string[]): Publisher {
  return { name, homepage_url: `https://www.${host}`, style, authors };
}

/** The market-recap wire the original snapshot used; its articles keep their ids. */
export const RECAP_PUBLISHER = { name: 'Synthetic Market Wire', homepage_url: 'https://news.example.com' };

export const WIRES = [
  outlet('Harbor Street Wire', 'harborstreetwire.example', 'wire', ['Jonah Vale', 'Mei Lin Ortega', 'Staff Reporter']),
  outlet('Ledger Line Newswire', 'ledgerline.example', 'wire', ['Ravi Chandran', 'Ingrid Holm', 'Newsdesk']),
];

const TRADE = {
  chips: outlet('Chip Supply Weekly', 'chipsupplyweekly.example', 'trade', ['Kenji Arakawa', 'Sofia Brandt']),
  software: outlet('Cloud & Code Review', 'cloudandcode.example', 'trade', ['Amara Okoye', 'Felix Dorn']),
  autos: outlet('Motor Trade Insider', 'motortradeinsider.example', 'trade', ['Luca Ferreira']),
  health: outlet('Rx Pipeline Journal', 'rxpipelinejournal.example', 'trade', ['Dr. Hannah Weiss', 'Omar Siddiqui']),
  energy: outlet('Energy Desk Daily', 'energydeskdaily.example', 'trade', ['Carla Mendes', 'Pete Lindqvist']),
  banks: outlet('Bank Street Monitor', 'bankstreetmonitor.example', 'trade', ['Grace Whitaker']),
  retail: outlet('Retail Aisle Report', 'retailaislereport.example', 'trade', ['Nadia Farouk', 'Ben Calloway']),
  funds: outlet('Fund Flow Digest', 'fundflowdigest.example', 'trade', ['Tobias Reinholt']),
};

export const OPINION = [
  outlet('The Contrarian Ledger', 'contrarianledger.example', 'opinion', ['Miles Harrow']),
  outlet('Main Street Investor Notes', 'mainstreetinvestor.example', 'opinion', ['Judy Penn', 'Arturo Salas']),
];

export const POLICY = outlet('Policy & Markets Review', 'policymarketsreview.example', 'policy', ['Eleanor Tsai', 'Marcus Hale']);

/** The trade outlet that covers a company's industry. */
export function tradePublisher(company: Company): Publisher {
  if (company.etf) return TRADE.funds;
  if (company.sector === 'Healthcare') return TRADE.health;
  if (company.sector === 'Energy') return TRADE.energy;
  if (company.sector === 'Financial Services') return TRADE.banks;
  if (company.sector === 'Consumer Defensive') return TRADE.retail;
  if (company.symbol === 'TSLA') return TRADE.autos;
  if (/Semiconductors|Computer Hardware/.test(company.industry)) return TRADE.chips;
  return TRADE.software;
}

/** Every outlet, for the README. */
export const ALL_PUBLISHERS: Publisher[] = [...WIRES, ...Object.values(TRADE), ...OPINION, POLICY];
