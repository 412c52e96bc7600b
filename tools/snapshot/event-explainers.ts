import type { EventKind } from '@forge/snapshot';

/** How each kind is named in running text ("the export-restriction news" reads worse than "the regulatory probe"). */
export const KIND_NOUN: Record<EventKind, string> = {
  'earnings-beat': 'earnings beat', 'earnings-miss': 'earnings miss', 'guidance-raised': 'raised guidance', 'guidance-cut': 'guidance cut',
  'product-launch': 'product launch', 'regulatory-probe': 'regulatory probe', 'regulatory-fine': 'regulatory fine',
  'regulatory-approval': 'regulatory approval', lawsuit: 'lawsuit', settlement: 'legal settlement', 'supply-disruption': 'supply-chain disruption',
  'supplier-deal': 'supply agreement', 'analyst-upgrade': 'analyst upgrade', 'analyst-downgrade': 'analyst downgrade', acquisition: 'acquisition',
  'management-change': 'management change', buyback: 'share buyback', 'dividend-change': 'dividend increase', 'index-inclusion': 'index inclusion',
  'macro-release': 'economic data release', 'fund-flows': 'fund flows', 'index-rebalance': 'index rebalance',
};

/** Kinds whose coverage includes a policy outlet. */
export const REGULATORY_KINDS: readonly EventKind[] = ['regulatory-probe', 'regulatory-fine', 'regulatory-approval', 'lawsuit', 'settlement', 'macro-release'];

interface Explainer { slug: string; topic: string; paragraphs: string[] }

const FAMILIES: Array<{ kinds: EventKind[]; explainer: Explainer }> = [
  { kinds: ['earnings-beat', 'earnings-miss'], explainer: { slug: 'earnings-surprises', topic: 'earnings surprises', paragraphs: ['An earnings beat or miss compares reported earnings per share (EPS) and revenue with the consensus estimate, the average forecast of the analysts who cover a company. Stocks often move more on the size of the surprise and on guidance than on the absolute numbers.'] } },
  { kinds: ['guidance-raised', 'guidance-cut'], explainer: { slug: 'guidance-changes', topic: 'guidance changes', paragraphs: ['Guidance is a company\'s own forecast of future revenue or earnings. Raising guidance signals that demand is running ahead of plan; cutting it is usually read as a warning, and analysts revise their estimates to follow.'] } },
  { kinds: ['product-launch'], explainer: { slug: 'product-launches', topic: 'product launches', paragraphs: ['Product launches and announcements matter to investors when they change expected revenue: new products can lift average selling prices, win share from rivals or open a new market, while delays push revenue out.'] } },
  { kinds: ['regulatory-probe', 'regulatory-fine', 'regulatory-approval'], explainer: { slug: 'regulatory-risk', topic: 'regulatory risk', paragraphs: ['Regulatory risk covers investigations, export restrictions and controls, fines and approvals by governments and agencies. A probe creates uncertainty about penalties or forced changes to a business; a fine often resolves that uncertainty; an approval removes an obstacle to growth.'] } },
  { kinds: ['lawsuit', 'settlement'], explainer: { slug: 'litigation-risk', topic: 'litigation risk', paragraphs: ['Lawsuits weigh on a stock through the damages sought, legal costs and possible limits on business practices. Settlements usually cost less than the headline damages and end the uncertainty.'] } },
  { kinds: ['supply-disruption', 'supplier-deal'], explainer: { slug: 'supply-chains', topic: 'supply chains', paragraphs: ['Supply chains link a company to the suppliers of its parts and capacity and to its customers. A disruption at a supplier, such as a factory outage or component shortage, can delay shipments and revenue; a multi-year supply agreement secures capacity and gives the supplier visibility.'] } },
  { kinds: ['analyst-upgrade', 'analyst-downgrade'], explainer: { slug: 'analyst-ratings', topic: 'analyst ratings and price targets', paragraphs: ['Analyst ratings (Buy, Hold, Sell) and price targets express a research firm\'s view of where a stock should trade in about a year. Upgrades and downgrades can move shares for a day or two, especially when a well-followed analyst changes a long-held view.'] } },
  { kinds: ['acquisition'], explainer: { slug: 'mergers-and-acquisitions', topic: 'mergers and acquisitions', paragraphs: ['When a company buys another, investors judge the price paid, how the deal is financed and whether it fits the strategy. Acquirers often fall when the price looks high and rise when the deal adds growth cheaply.'] } },
  { kinds: ['management-change'], explainer: { slug: 'management-changes', topic: 'management changes', paragraphs: ['Management changes, especially unexpected departures of a chief financial officer, can unsettle investors; a well-regarded hire can reassure them. Markets watch whether the chief executive remains in place.'] } },
  { kinds: ['buyback', 'dividend-change'], explainer: { slug: 'buybacks-and-dividends', topic: 'buybacks and dividends', paragraphs: ['Share buybacks and dividends return cash to shareholders. A larger repurchase authorization or a dividend increase signals management confidence in future cash flow.'] } },
  { kinds: ['index-inclusion', 'index-rebalance'], explainer: { slug: 'index-changes', topic: 'index inclusion and rebalances', paragraphs: ['When a stock joins an index, funds that track it must buy the shares, which can lift the price around the effective date. Regular rebalances adjust weights and generate predictable trading.'] } },
  { kinds: ['macro-release', 'fund-flows'], explainer: { slug: 'macro-and-fund-flows', topic: 'economic data and ETF flows', paragraphs: ['Index funds move with economic data such as inflation and retail sales, which shape expectations for interest rates. ETF flows, the creations and redemptions of fund shares, show how much money investors are adding to or pulling from a fund.'] } },
];

/** The explainer text of the family a kind belongs to. */
export function explainerFor(kind: EventKind): Explainer {
  return FAMILIES.find((family) => family.kinds.includes(kind))!.explainer;
}
