import { averageVolume, roundTo, type Bar } from '@forge/snapshot';
import { bigDollars } from './describe-move.ts';
import type { Story, StoryContext } from './event-story.ts';

type FundWriter = (context: StoryContext & { averageDollarVolume: number }) => Story;

const REPORTS = [
  { name: 'consumer price index', short: 'CPI', measure: 'annual inflation' },
  { name: 'retail sales report', short: 'retail sales', measure: 'annual retail sales growth' },
];

const macro: FundWriter = ({ company, plan, random }) => {
  const report = REPORTS[Math.floor(random.next() * REPORTS.length)];
  const estimate = roundTo(report.short === 'CPI' ? 2.4 + random.next() * 0.8 : 2 + random.next() * 2, 1);
  // Cooler inflation and stronger sales both read as good news for stocks.
  const better = plan.direction !== 'negative';
  const delta = roundTo(0.1 + Math.floor(random.next() * 2) * 0.1, 1);
  const actual = roundTo(report.short === 'CPI' ? estimate + (better ? -delta : delta) : estimate + (better ? delta : -delta), 1);
  const rumoured = roundTo(estimate - (actual - estimate), 1);
  const tone = report.short === 'CPI' ? (better ? 'cooler-than-expected' : 'hotter-than-expected') : (better ? 'stronger-than-expected' : 'weaker-than-expected');
  return {
    headline: `${company.short} ${better ? 'gains' : 'slips'} after a ${tone} ${report.short} reading`,
    summary: `The ${report.name} showed ${report.measure} of ${actual.toFixed(1)}% against ${estimate.toFixed(1)}% expected, a ${tone} reading for ${company.name}.`,
    figures: { macro_actual_percent: actual, macro_estimate_percent: estimate, macro_rumour_percent: rumoured },
    release: { issuer: 'agency', issuerName: 'Synthetic Bureau of Economic Statistics', title: `${report.name[0].toUpperCase()}${report.name.slice(1)}: ${report.measure} ${actual.toFixed(1)}%`, paragraphs: [
      `The Synthetic Bureau of Economic Statistics reported today that ${report.measure} was ${actual.toFixed(1)}%. Economists had expected ${estimate.toFixed(1)}%.`,
    ] },
    rumour: { trueClaim: `the ${report.short} reading would be ${tone}`, falseClaim: `${report.measure} would come in at ${rumoured.toFixed(1)}%` },
    keywords: ['macro', 'economic data', report.short, 'interest rates'],
  };
};

const flows: FundWriter = ({ company, plan, random, averageDollarVolume }) => {
  const inflow = plan.direction !== 'negative';
  const amount = Math.round((averageDollarVolume * (0.02 + random.next() * 0.04)) / 1e6) * 1e6;
  return {
    headline: `${company.short} ${inflow ? 'draws' : 'sheds'} ${bigDollars(amount)} in a day of fund ${inflow ? 'inflows' : 'outflows'}`,
    summary: `Investors ${inflow ? 'added' : 'pulled'} ${bigDollars(amount)} ${inflow ? 'to' : 'from'} ${company.name} in one session, according to the sponsor's daily creation and redemption figures.`,
    figures: { flow_amount: amount, rumour_flow_amount: amount * 4 },
    release: { issuer: 'sponsor', issuerName: `${company.name} sponsor`, title: `${company.name}: daily creations and redemptions`, paragraphs: [
      `Net ${inflow ? 'creations' : 'redemptions'} for ${company.name} (${company.symbol}) totalled ${bigDollars(amount)} for the session.`,
    ] },
    rumour: { trueClaim: `a large ${inflow ? 'inflow' : 'outflow'} was under way`, falseClaim: `${bigDollars(amount * 4)} had moved ${inflow ? 'into' : 'out of'} the fund` },
    keywords: ['ETF', 'fund flows', inflow ? 'inflows' : 'outflows'],
  };
};

const rebalance: FundWriter = ({ company, random }) => {
  const turnover = roundTo(1 + random.next() * 4, 1);
  return {
    headline: `${company.short} completes its index rebalance with ${turnover.toFixed(1)}% turnover`,
    summary: `The index behind ${company.name} was rebalanced, with ${turnover.toFixed(1)}% of the portfolio traded.`,
    figures: { turnover_percent: turnover },
    release: { issuer: 'sponsor', issuerName: `${company.name} sponsor`, title: `${company.name}: index rebalance completed`, paragraphs: [
      `The scheduled rebalance of the index tracked by ${company.name} (${company.symbol}) was completed; portfolio turnover was ${turnover.toFixed(1)}%.`,
    ] },
    rumour: { trueClaim: 'the rebalance would be routine', falseClaim: 'the rebalance would be postponed' },
    keywords: ['ETF', 'index rebalance', 'rebalance'],
  };
};

/** Writers of fund (ETF) events by kind. */
export const FUND_WRITERS = { 'macro-release': macro, 'fund-flows': flows, 'index-rebalance': rebalance } as const;

/** Mean dollar volume of the sessions before the event, the scale of a fund's daily flows. */
export function averageDollarVolumeOf(bars: Bar[]): number {
  return averageVolume(bars, 20) * bars[bars.length - 1].c;
}
