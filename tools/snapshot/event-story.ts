import { roundTo, type IncomeStatement, type SeededRandom } from '@forge/snapshot';
import type { CompanyAngles } from './company-angles.ts';
import type { Company } from './company.ts';
import { bigDollars, dollars } from './describe-move.ts';
import type { PlannedEvent } from './plan-events.ts';

/** The words and figures of one event, before articles and pages are cut from them. */
export interface Story {
  /** "NVIDIA faces new US export restrictions ...": the event in one line. */
  headline: string;
  /** One or two sentences with the key figures. */
  summary: string;
  figures: Record<string, number>;
  /** The primary source: who issues it and its paragraphs. */
  release: { issuer: 'company' | 'analyst' | 'agency' | 'sponsor'; issuerName: string; title: string; paragraphs: string[] };
  rumour: { trueClaim: string; falseClaim: string };
  keywords: string[];
}

/** What a story writer needs: the company, its angles, the planned event and the company's published quarters. */
export interface StoryContext {
  company: Company;
  angles: CompanyAngles;
  plan: PlannedEvent;
  quarters: IncomeStatement[];
  random: SeededRandom;
  shortOf: (symbol: string) => string;
}

const FIRMS = ['Northgate Securities', 'Alder & Finch Research', 'Bluewater Capital Markets', 'Kestrel Equity Partners', 'Granite Peak Advisors'];
const PEOPLE = ['Elena Marsh', 'David Okonkwo', 'Priya Raman', 'Thomas Becker', 'Laura Chen', 'Samuel Ortiz', 'Nadia Petrov'];
const TARGETS = ['Lumora Systems', 'Quantis Labs', 'Helix Data Works', 'Brightline Devices', 'Corvid Analytics', 'Tessellate Networks'];
const INDEXES = ['the Global Quality Leaders 100 index', 'the Dividend Growth Select index', 'the World Innovation 50 index'];

function periodLabel(quarter: IncomeStatement): string {
  return `${quarter.period} fiscal ${quarter.fiscalYear}`;
}

/** The newest quarter filed on or before a date (the company's "latest quarter" as of the event). */
function latestQuarter(context: StoryContext): IncomeStatement {
  return context.quarters.find((quarter) => quarter.filingDate <= context.plan.date) ?? context.quarters[context.quarters.length - 1];
}

function pct(value: number, decimals = 1): string {
  return `${Math.abs(value).toFixed(decimals)}%`;
}

function roundAmount(value: number): number {
  return value >= 1e9 ? Math.round(value / 1e8) * 1e8 : Math.round(value / 1e6) * 1e6;
}

function strip(text: string): string {
  return text.replace(/^(a|an|the|its|new) /, '');
}

type Writer = (context: StoryContext) => Story;

const earnings: Writer = ({ company, plan, random }) => {
  const quarter = plan.quarter!;
  const beat = plan.kind === 'earnings-beat';
  const sign = beat ? 1 : -1;
  const surprise = plan.direction === 'neutral' ? 0.005 + random.next() * 0.015 : 0.02 + random.next() * 0.1;
  const epsActual = quarter.epsdiluted;
  const epsEstimate = roundTo(epsActual - sign * Math.max(0.01, Math.abs(epsActual) * surprise), 2);
  const revenueEstimate = Math.round((quarter.revenue * (1 - sign * surprise * 0.5)) / 1e6) * 1e6;
  const epsSurprise = roundTo(((epsActual - epsEstimate) / Math.abs(epsEstimate || 0.01)) * 100, 1);
  const revenueSurprise = roundTo(((quarter.revenue - revenueEstimate) / revenueEstimate) * 100, 1);
  const whisper = roundTo(epsActual + sign * Math.max(0.05, Math.abs(epsActual) * 0.25), 2);
  const label = periodLabel(quarter);
  return {
    headline: beat
      ? `${company.short} beats estimates with ${label} EPS of ${dollars(epsActual)} on revenue of ${bigDollars(quarter.revenue)}`
      : `${company.short} misses estimates with ${label} EPS of ${dollars(epsActual)} against ${dollars(epsEstimate)} expected`,
    summary: `${company.name} reported ${label} diluted EPS of ${dollars(epsActual)} against a consensus estimate of ${dollars(epsEstimate)}, and revenue of ${bigDollars(quarter.revenue)} against ${bigDollars(revenueEstimate)} expected.`,
    figures: { eps_actual: epsActual, eps_estimate: epsEstimate, eps_surprise_percent: epsSurprise, revenue_actual: quarter.revenue, revenue_estimate: revenueEstimate, revenue_surprise_percent: revenueSurprise, net_income: quarter.netIncome, gross_margin_percent: roundTo(quarter.grossProfitRatio * 100, 1), rumour_eps: whisper },
    release: {
      issuer: 'company', issuerName: company.name, title: `${company.name} reports ${label} results`,
      paragraphs: [
        `${company.name} (${company.symbol}) today reported results for ${label}, the quarter ended ${quarter.date}. Revenue was ${bigDollars(quarter.revenue)}, net income ${bigDollars(quarter.netIncome)} and diluted earnings per share ${dollars(epsActual)}.`,
        `Gross margin was ${pct(quarter.grossProfitRatio * 100)}. Analysts had expected EPS of ${dollars(epsEstimate)} and revenue of ${bigDollars(revenueEstimate)}, so EPS came in ${pct(epsSurprise)} ${epsSurprise >= 0 ? 'above' : 'below'} the consensus estimate.`,
      ],
    },
    rumour: {
      trueClaim: `${label} EPS would come in ${beat ? 'above' : 'below'} the consensus estimate of ${dollars(epsEstimate)}`,
      falseClaim: `${label} EPS would reach ${dollars(whisper)}`,
    },
    keywords: ['earnings', 'EPS', 'revenue', 'consensus estimate', beat ? 'earnings beat' : 'earnings miss'],
  };
};

const guidance: Writer = (context) => {
  const { company, plan, random } = context;
  const raised = plan.kind === 'guidance-raised';
  const base = latestQuarter(context).revenue;
  const previous = roundAmount(base * (1 + (company.income?.growth ?? 0) / 4));
  const next = roundAmount(previous * (1 + (raised ? 1 : -1) * (0.03 + random.next() * 0.05)));
  const change = roundTo(((next - previous) / previous) * 100, 1);
  return {
    headline: `${company.short} ${raised ? 'raises' : 'cuts'} its next-quarter revenue outlook to ${bigDollars(next)}`,
    summary: `${company.name} ${raised ? 'raised' : 'cut'} its revenue guidance for the next quarter to about ${bigDollars(next)} from ${bigDollars(previous)}, a ${pct(change)} ${raised ? 'increase' : 'reduction'}, citing ${raised ? `stronger ${context.angles.segment} demand` : `softer ${context.angles.segment} demand`}.`,
    figures: { guidance_new: next, guidance_previous: previous, guidance_change_percent: change },
    release: {
      issuer: 'company', issuerName: company.name, title: `${company.name} updates its business outlook`,
      paragraphs: [
        `${company.name} (${company.symbol}) today updated its outlook. It now expects revenue for the next quarter of about ${bigDollars(next)}, compared with its earlier outlook of ${bigDollars(previous)}.`,
        raised ? `The company cited stronger than expected ${context.angles.segment} demand.` : `The company cited softer ${context.angles.segment} demand and cautious customer spending.`,
      ],
    },
    rumour: { trueClaim: `it was about to ${raised ? 'raise' : 'cut'} its revenue outlook`, falseClaim: `it was about to ${raised ? 'cut' : 'raise'} its revenue outlook` },
    keywords: ['guidance', 'outlook', raised ? 'guidance raised' : 'guidance cut', 'revenue forecast'],
  };
};

const product: Writer = ({ company, angles }) => ({
  headline: `${company.short} launches ${angles.product}`,
  summary: `${company.name} announced ${angles.product}, its main ${angles.segment} product launch of the season.`,
  figures: {},
  release: { issuer: 'company', issuerName: company.name, title: `${company.name} announces a product launch: ${angles.product}`, paragraphs: [
    `${company.name} (${company.symbol}) today announced the launch of ${angles.product}. The company said the launch extends its ${angles.segment} lineup and that availability begins in the coming weeks.`,
    `"This is our most important ${angles.segment} launch this year," the company said in its announcement.`,
  ] },
  rumour: { trueClaim: `${company.short} was about to unveil ${angles.product}`, falseClaim: `${company.short} had postponed the launch of ${strip(angles.product)} indefinitely` },
  keywords: ['product launch', 'announcement', angles.segment],
});

const probe: Writer = ({ company, angles, random }) => {
  const exposure = roundTo(3 + random.next() * 12, 1);
  return {
    headline: `${company.short} faces ${angles.probe}`,
    summary: `${company.name} disclosed ${angles.probe}; the company said the affected business accounts for about ${pct(exposure)} of revenue.`,
    figures: { revenue_exposure_percent: exposure },
    release: { issuer: 'company', issuerName: company.name, title: `${company.name} statement on ${strip(angles.probe)}`, paragraphs: [
      `${company.name} (${company.symbol}) today confirmed ${angles.probe}. The company estimates that the affected business represents about ${pct(exposure)} of its revenue.`,
      'The company said it is cooperating fully, that the matter is ongoing and that no penalty has been set.',
    ] },
    rumour: { trueClaim: `regulators were preparing action: ${angles.probe}`, falseClaim: `regulators had dropped ${strip(angles.probe)} without action` },
    keywords: ['regulation', 'regulatory probe', 'investigation', ...(/export/.test(angles.probe) ? ['export restrictions', 'export controls', 'China'] : [])],
  };
};

const fine: Writer = (context) => {
  const { company, angles, random } = context;
  const amount = roundAmount(latestQuarter(context).revenue * (0.005 + random.next() * 0.02));
  return {
    headline: `${company.short} fined ${bigDollars(amount)} to resolve ${strip(angles.probe)}`,
    summary: `${company.name} agreed to pay a ${bigDollars(amount)} fine to resolve ${angles.probe}.`,
    figures: { fine_amount: amount, rumour_fine_amount: amount * 3 },
    release: { issuer: 'company', issuerName: company.name, title: `${company.name} resolves ${strip(angles.probe)}`, paragraphs: [
      `${company.name} (${company.symbol}) today reached a resolution of ${angles.probe} and will pay a fine of ${bigDollars(amount)}.`,
      'The company does not admit wrongdoing and said the payment was already reserved.',
    ] },
    rumour: { trueClaim: `${company.short} would pay a fine of ${bigDollars(amount)}`, falseClaim: `${company.short} would be fined ${bigDollars(amount * 3)}` },
    keywords: ['regulation', 'regulatory fine', 'penalty'],
  };
};

const approval: Writer = ({ company, angles }) => ({
  headline: `${company.short} wins ${angles.approval}`,
  summary: `${company.name} received ${angles.approval}, removing an overhang on its ${angles.segment} plans.`,
  figures: {},
  release: { issuer: 'company', issuerName: company.name, title: `${company.name} receives ${strip(angles.approval)}`, paragraphs: [
    `${company.name} (${company.symbol}) today announced ${angles.approval}. The decision lets it proceed with its ${angles.segment} plans.`,
  ] },
  rumour: { trueClaim: `${angles.approval} was imminent`, falseClaim: `the application for ${strip(angles.approval)} had been rejected` },
  keywords: ['regulatory approval', 'regulation', angles.segment],
});

const lawsuit: Writer = (context) => {
  const { company, angles, random } = context;
  const damages = roundAmount(latestQuarter(context).revenue * (0.02 + random.next() * 0.05));
  return {
    headline: `${company.short} hit by ${angles.lawsuit}`,
    summary: `${company.name} faces ${angles.lawsuit}; plaintiffs seek damages of ${bigDollars(damages)}.`,
    figures: { damages_sought: damages },
    release: { issuer: 'company', issuerName: company.name, title: `${company.name} responds to ${strip(angles.lawsuit)}`, paragraphs: [
      `${company.name} (${company.symbol}) said it was served with ${angles.lawsuit}, in which plaintiffs seek ${bigDollars(damages)}. The company believes the claims are without merit and will defend itself vigorously.`,
    ] },
    rumour: { trueClaim: `${angles.lawsuit} was about to be filed`, falseClaim: `${company.short} had already settled ${strip(angles.lawsuit)} out of court` },
    keywords: ['lawsuit', 'litigation', 'legal risk'],
  };
};

const settlement: Writer = (context) => {
  const { company, angles, random } = context;
  const amount = roundAmount(latestQuarter(context).revenue * (0.003 + random.next() * 0.01));
  return {
    headline: `${company.short} settles ${strip(angles.lawsuit)} for ${bigDollars(amount)}`,
    summary: `${company.name} agreed to pay ${bigDollars(amount)} to settle ${angles.lawsuit}, ending the case.`,
    figures: { settlement_amount: amount, rumour_settlement_amount: amount * 3 },
    release: { issuer: 'company', issuerName: company.name, title: `${company.name} announces settlement`, paragraphs: [
      `${company.name} (${company.symbol}) today announced a settlement of ${angles.lawsuit} for ${bigDollars(amount)}, without admitting liability. The settlement removes the uncertainty of a trial.`,
    ] },
    rumour: { trueClaim: `a settlement of about ${bigDollars(amount)} was close`, falseClaim: `the settlement would cost ${bigDollars(amount * 3)}` },
    keywords: ['settlement', 'lawsuit', 'litigation'],
  };
};

const disruption: Writer = (context) => {
  const { company, angles, random } = context;
  const impact = roundAmount(latestQuarter(context).revenue * (0.01 + random.next() * 0.03));
  return {
    headline: `${company.short} warns of ${angles.disruption}`,
    summary: `${company.name} warned of ${angles.disruption}, which it expects to cut quarterly revenue by about ${bigDollars(impact)}.`,
    figures: { revenue_impact: impact },
    release: { issuer: 'company', issuerName: company.name, title: `${company.name} supply chain update`, paragraphs: [
      `${company.name} (${company.symbol}) today disclosed ${angles.disruption}. It expects the disruption to reduce revenue in the current quarter by about ${bigDollars(impact)} and to be temporary.`,
    ] },
    rumour: { trueClaim: `${company.short} was dealing with ${angles.disruption}`, falseClaim: `${company.short} had halted all ${angles.segment} shipments for the rest of the year` },
    keywords: ['supply chain', 'supply disruption', 'shortage', angles.segment],
  };
};

const supplierDeal: Writer = ({ company, angles, plan, random, shortOf }) => {
  const partner = plan.related[0];
  const value = roundAmount(company.income!.revenue * 1e9 * (0.01 + random.next() * 0.03));
  const with_ = partner ? shortOf(partner.symbol) : `a new ${angles.segment} supplier`;
  return {
    headline: `${company.short} signs a ${bigDollars(value)} multi-year supply agreement with ${with_}`,
    summary: `${company.name} signed a multi-year supply agreement with ${with_} worth about ${bigDollars(value)}, securing ${angles.segment} capacity.`,
    figures: { deal_value: value },
    release: { issuer: 'company', issuerName: company.name, title: `${company.name} and ${with_} sign a supply agreement`, paragraphs: [
      `${company.name} (${company.symbol}) today signed a multi-year supply agreement with ${with_} valued at about ${bigDollars(value)}. The agreement secures ${angles.segment} capacity for the next several years.`,
    ] },
    rumour: { trueClaim: `${company.short} and ${with_} were close to a supply agreement`, falseClaim: `supply talks between ${company.short} and ${with_} had collapsed` },
    keywords: ['supply chain', 'supplier deal', 'supply agreement', angles.segment],
  };
};

const analyst: Writer = ({ company, plan, random }) => {
  const up = plan.kind === 'analyst-upgrade';
  const firm = random.pick(FIRMS);
  const target = roundTo(plan.close * (1 + (up ? 1 : -1) * (0.12 + random.next() * 0.18)), 0);
  const previous = roundTo(target * (1 + (up ? -1 : 1) * (0.05 + random.next() * 0.1)), 0);
  const [from, to] = up ? ['Hold', 'Buy'] : ['Buy', 'Hold'];
  return {
    headline: `${firm} ${up ? 'upgrades' : 'downgrades'} ${company.short} to ${to} with a ${dollars(target)} price target`,
    summary: `${firm} ${up ? 'upgraded' : 'downgraded'} ${company.name} to ${to} from ${from} and moved its price target to ${dollars(target)} from ${dollars(previous)}.`,
    figures: { price_target: target, previous_target: previous, rumour_price_target: previous },
    release: { issuer: 'analyst', issuerName: firm, title: `${firm}: ${company.short} (${company.symbol}) ${up ? 'upgraded' : 'downgraded'} to ${to}`, paragraphs: [
      `${firm} ${up ? 'upgrades' : 'downgrades'} ${company.name} (${company.symbol}) to ${to} from ${from}. New price target: ${dollars(target)} (previously ${dollars(previous)}).`,
      up ? 'We see upside to estimates as demand improves and margins expand.' : 'We see limited upside after the run and rising risks to estimates.',
    ] },
    rumour: { trueClaim: `${firm} was about to move its ${company.short} target to ${dollars(target)}`, falseClaim: `${firm} had kept its ${company.short} target at ${dollars(previous)}` },
    keywords: ['analyst rating', up ? 'upgrade' : 'downgrade', 'price target'],
  };
};

const acquisition: Writer = ({ company, angles, plan, random }) => {
  const target = `${random.pick(TARGETS)}, a private ${angles.segment} company`;
  const value = roundAmount(plan.previous_close * company.shares * (0.005 + random.next() * 0.02));
  const welcomed = plan.direction !== 'negative';
  return {
    headline: `${company.short} agrees to buy ${target.split(',')[0]} for ${bigDollars(value)}`,
    summary: `${company.name} agreed to acquire ${target} for ${bigDollars(value)} in cash; investors ${welcomed ? 'welcomed the deal' : 'questioned the price'}.`,
    figures: { deal_value: value, rumour_deal_value: value * 2 },
    release: { issuer: 'company', issuerName: company.name, title: `${company.name} to acquire ${target.split(',')[0]}`, paragraphs: [
      `${company.name} (${company.symbol}) today agreed to acquire ${target}, for ${bigDollars(value)} in cash. The deal is expected to close within two quarters, subject to regulatory approval.`,
    ] },
    rumour: { trueClaim: `${company.short} was nearing a deal for ${target.split(',')[0]} at about ${bigDollars(value)}`, falseClaim: `${company.short} would pay ${bigDollars(value * 2)} for ${target.split(',')[0]}` },
    keywords: ['M&A', 'acquisition', 'deal'],
  };
};

const management: Writer = ({ company, plan, random }) => {
  const person = random.pick(PEOPLE);
  const role = random.pick(['chief financial officer', 'chief operating officer', 'head of its largest business unit']);
  const hire = plan.direction !== 'negative';
  return {
    headline: hire ? `${company.short} names ${person} as ${role}` : `${company.short} says ${role} ${person} will leave`,
    summary: hire ? `${company.name} appointed ${person}, an industry veteran, as ${role}; chief executive ${company.ceo} remains in place.` : `${company.name} said ${role} ${person} will step down; chief executive ${company.ceo} remains in place and a search has begun.`,
    figures: {},
    release: { issuer: 'company', issuerName: company.name, title: `${company.name} announces leadership change`, paragraphs: [
      hire ? `${company.name} (${company.symbol}) today named ${person} ${role}, effective immediately.` : `${company.name} (${company.symbol}) today announced that ${role} ${person} will leave the company; an interim successor has been named.`,
      `Chief executive ${company.ceo} remains in place.`,
    ] },
    rumour: { trueClaim: `${company.short} was preparing a change of ${role}`, falseClaim: `chief executive ${company.ceo} was about to step down` },
    keywords: ['management change', 'leadership', 'executive'],
  };
};

const buyback: Writer = ({ company, plan, random }) => {
  const amount = roundAmount(plan.previous_close * company.shares * (0.02 + random.next() * 0.04));
  return {
    headline: `${company.short} authorizes a ${bigDollars(amount)} share buyback`,
    summary: `${company.name}'s board authorized repurchases of up to ${bigDollars(amount)} of its shares.`,
    figures: { buyback_amount: amount, rumour_buyback_amount: amount * 2 },
    release: { issuer: 'company', issuerName: company.name, title: `${company.name} announces share repurchase program`, paragraphs: [
      `The board of ${company.name} (${company.symbol}) today authorized the repurchase of up to ${bigDollars(amount)} of common stock, with no expiration date.`,
    ] },
    rumour: { trueClaim: `a buyback of about ${bigDollars(amount)} was coming`, falseClaim: `the buyback would be ${bigDollars(amount * 2)}` },
    keywords: ['buyback', 'share repurchase', 'capital return'],
  };
};

const dividend: Writer = ({ company, random }) => {
  const next = company.lastDiv / 4;
  const previous = roundTo(next / (1 + 0.04 + random.next() * 0.06), 2);
  const raise = roundTo(((roundTo(next, 2) - previous) / previous) * 100, 1);
  return {
    headline: `${company.short} raises its quarterly dividend to ${dollars(next)} per share`,
    summary: `${company.name} raised its quarterly dividend to ${dollars(next)} per share from ${dollars(previous)}, an increase of ${pct(raise)}.`,
    figures: { dividend_new: next, dividend_previous: previous, dividend_raise_percent: raise },
    release: { issuer: 'company', issuerName: company.name, title: `${company.name} increases quarterly dividend`, paragraphs: [
      `The board of ${company.name} (${company.symbol}) today raised the quarterly dividend to ${dollars(next)} per share from ${dollars(previous)}, a ${pct(raise)} increase.`,
    ] },
    rumour: { trueClaim: `${company.short} would raise its dividend`, falseClaim: `${company.short} would cut its dividend` },
    keywords: ['dividend', 'dividend increase', 'capital return'],
  };
};

const inclusion: Writer = ({ company, random }) => {
  const index = random.pick(INDEXES);
  return {
    headline: `${company.short} to join ${index}`,
    summary: `${company.name} will be added to ${index} at the next rebalance, which brings buying from funds that track it.`,
    figures: {},
    release: { issuer: 'agency', issuerName: 'Synthetic Index Services', title: `${company.name} to be added to ${index}`, paragraphs: [
      `Synthetic Index Services announced today that ${company.name} (${company.symbol}) will be added to ${index}, effective at the next quarterly rebalance.`,
    ] },
    rumour: { trueClaim: `${company.short} was about to be added to ${index}`, falseClaim: `${company.short} would be removed from ${index}` },
    keywords: ['index inclusion', 'index', 'rebalance'],
  };
};

/** Writers of company events by kind (fund events are in fund-story.ts). */
export const COMPANY_WRITERS: Partial<Record<PlannedEvent['kind'], Writer>> = {
  'earnings-beat': earnings, 'earnings-miss': earnings, 'guidance-raised': guidance, 'guidance-cut': guidance,
  'product-launch': product, 'regulatory-probe': probe, 'regulatory-fine': fine, 'regulatory-approval': approval,
  lawsuit, settlement, 'supply-disruption': disruption, 'supplier-deal': supplierDeal,
  'analyst-upgrade': analyst, 'analyst-downgrade': analyst, acquisition, 'management-change': management,
  buyback, 'dividend-change': dividend, 'index-inclusion': inclusion,
};
