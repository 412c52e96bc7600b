/**
 * What the synthetic events of one company are about: its products, the regulatory and legal matters it could
 * plausibly face, and the tickers of its suppliers, customers and rivals in the universe. Invented story material
 * about real names: every event built from it is labelled synthetic.
 */
export interface CompanyAngles {
  segment: string;
  product: string;
  probe: string;
  approval: string;
  lawsuit: string;
  disruption: string;
  suppliers: string[];
  customers: string[];
  rivals: string[];
}

type Angles = Omit<CompanyAngles, 'disruption' | 'suppliers' | 'customers' | 'rivals'> & Partial<CompanyAngles>;

const TABLE: Record<string, Angles> = {
  AAPL: { segment: 'iPhone and Mac', product: 'a new Mac and iPad lineup built on next-generation M-series chips, with upgraded Apple Intelligence features', probe: 'an EU Digital Markets Act review of App Store anti-steering rules', approval: 'regulatory clearance to offer satellite messaging in new markets', lawsuit: 'a class action over App Store commissions', disruption: 'a component shortage at an assembly partner that delays iPhone shipments', suppliers: ['TSM', 'QCOM'], rivals: ['GOOGL'] },
  MSFT: { segment: 'Azure cloud', product: 'new Copilot agents for Microsoft 365 and Azure AI Foundry', probe: 'an FTC inquiry into cloud licensing and AI partnerships', approval: 'EU clearance of its cloud licensing commitments', lawsuit: 'a licensing lawsuit from European cloud providers', disruption: 'data center power constraints that delay new Azure AI capacity', suppliers: ['NVDA', 'AMD'], rivals: ['GOOGL', 'AMZN'] },
  NVDA: { segment: 'data center GPU', product: 'Blackwell Ultra GPUs and the Rubin platform roadmap', probe: 'new US export restrictions on advanced AI accelerators bound for China', approval: 'US export licences for a China-compliant data center GPU', lawsuit: 'a shareholder lawsuit over past revenue disclosures', disruption: 'a CoWoS packaging bottleneck that slows Blackwell shipments', suppliers: ['TSM', 'MU'], customers: ['MSFT', 'META'], rivals: ['AMD'] },
  AMD: { segment: 'data center accelerator', product: 'Instinct MI400 accelerators and Helios rack-scale systems', probe: 'export restrictions on Instinct accelerators shipped to China', approval: 'US export licences for Instinct accelerators sold to China', lawsuit: 'a patent suit over processor designs', disruption: 'tight advanced-packaging capacity that delays Instinct deliveries', suppliers: ['TSM'], customers: ['MSFT', 'META'], rivals: ['NVDA', 'INTC'] },
  TSLA: { segment: 'automotive', product: 'a lower-priced Model Y variant and an expanded robotaxi service', probe: 'an NHTSA review of Full Self-Driving crashes', approval: 'a California permit to expand driverless robotaxi rides', lawsuit: 'an Autopilot wrongful-death lawsuit', disruption: 'a battery-cell shortage that idles a production line' },
  META: { segment: 'advertising', product: 'new Ray-Ban Display smart glasses and Llama model updates', probe: 'an FTC inquiry into teen safety on Instagram', approval: 'EU approval of changes to its ad-free subscription', lawsuit: 'a lawsuit by state attorneys general over youth mental health', suppliers: ['NVDA', 'AVGO'], rivals: ['GOOGL'] },
  AVGO: { segment: 'custom AI chip', product: 'Tomahawk 6 Ethernet switch chips and new custom AI accelerators', probe: 'an EU review of VMware licensing changes', approval: 'EU clearance of revised VMware licensing terms', lawsuit: 'a VMware customer licensing lawsuit', suppliers: ['TSM'], customers: ['GOOGL', 'META'], rivals: ['NVDA'] },
  GOOGL: { segment: 'Search and Cloud', product: 'Gemini 3 models and new Pixel devices', probe: 'the DOJ search antitrust remedies case', approval: 'a court ruling on search remedies that lets it keep Chrome', lawsuit: 'a publisher lawsuit over AI search summaries', suppliers: ['AVGO', 'NVDA'], rivals: ['MSFT', 'META'] },
  AMZN: { segment: 'AWS', product: 'Trainium 3 chips and new Alexa+ devices', probe: 'an FTC case over Prime sign-ups and marketplace pricing', approval: 'FAA approval to expand Prime Air drone delivery', lawsuit: 'an antitrust lawsuit over marketplace fees', suppliers: ['NVDA'], rivals: ['MSFT', 'WMT'] },
  NFLX: { segment: 'streaming', product: 'a live sports package and new ad-tier features', probe: 'an FTC review of subscription cancellation practices', approval: 'approval to launch its ad-supported plan in new markets', lawsuit: 'a copyright lawsuit over a hit series', disruption: 'a production strike that delays several series' },
  SMCI: { segment: 'AI server', product: 'liquid-cooled rack systems for Blackwell GPUs', probe: 'a DOJ inquiry into export-control compliance', approval: 'Nasdaq acceptance of its filing-compliance plan', lawsuit: 'a securities class action over accounting controls', disruption: 'a shortage of NVIDIA GPUs that delays rack shipments', suppliers: ['NVDA', 'AMD'] },
  INTC: { segment: 'foundry', product: 'Panther Lake PC processors built on the 18A process', probe: 'a Chinese cybersecurity review of Intel chips', approval: 'a CHIPS Act funding milestone for its Ohio fab', lawsuit: 'a patent infringement verdict', disruption: 'a yield problem on the 18A process that delays shipments', suppliers: ['TSM'], rivals: ['AMD'] },
  QCOM: { segment: 'handset chip', product: 'Snapdragon X2 Elite PC processors', probe: 'an EU antitrust review of its licensing practices', approval: 'a Chinese antitrust clearance for an acquisition', lawsuit: 'its licensing dispute with Arm', suppliers: ['TSM'], customers: ['AAPL'], rivals: ['ARM'] },
  MU: { segment: 'HBM memory', product: 'HBM4 memory samples for next-generation AI accelerators', probe: 'a Chinese cybersecurity review of Micron products', approval: 'CHIPS Act funding for its New York memory fab', lawsuit: 'a DRAM patent lawsuit', disruption: 'a power outage at a memory fab that cuts wafer output', customers: ['NVDA', 'AMD'] },
  ARM: { segment: 'royalty', product: 'Lumex compute subsystems for phones and PCs', probe: 'an antitrust complaint over its licensing terms', approval: 'regulatory approval of a joint venture restructuring in China', lawsuit: 'its licensing dispute with Qualcomm', customers: ['QCOM', 'AAPL', 'NVDA'], rivals: ['QCOM'] },
  TSM: { segment: 'advanced foundry', product: 'volume production on its 2nm (N2) process', probe: 'a US review of its shipments to Chinese customers', approval: 'permits for its third Arizona fab', lawsuit: 'a trade-secret lawsuit against a former employee', disruption: 'an earthquake that briefly halts several fab lines', customers: ['AAPL', 'NVDA', 'AMD'] },
  JPM: { segment: 'investment banking', product: 'a new AI-driven wealth advisory platform', probe: 'a CFPB probe of Zelle fraud handling', approval: 'Federal Reserve approval of its capital plan after the stress test', lawsuit: 'a lawsuit over Zelle scam losses', disruption: 'a payments outage at a processing vendor', rivals: ['BAC'] },
  BAC: { segment: 'consumer banking', product: 'an expanded Erica digital assistant for business clients', probe: 'a regulator review of anti-money-laundering controls', approval: 'Federal Reserve approval of its capital plan', lawsuit: 'an overdraft-fee class action', disruption: 'a card-processing outage at a vendor', rivals: ['JPM'] },
  XOM: { segment: 'upstream', product: 'first oil from its Yellowtail project in Guyana', probe: 'an EPA review of Permian methane emissions', approval: 'government approval for a new Guyana development', lawsuit: 'a climate-disclosure lawsuit', disruption: 'an unplanned outage at its Baytown refinery', rivals: ['CVX'] },
  CVX: { segment: 'upstream', product: 'start-up of a major expansion at its Tengiz field', probe: 'an EPA review of flaring at its Permian sites', approval: 'approval of its Guyana stake after the Hess deal', lawsuit: 'a coastal-damage lawsuit in Louisiana', disruption: 'a pipeline outage that cuts Permian output', rivals: ['XOM'] },
  WMT: { segment: 'grocery', product: 'drone delivery to more cities and an AI shopping assistant', probe: 'an FTC inquiry into pricing practices', approval: 'approval to open a new automated fulfilment network', lawsuit: 'a lawsuit over opioid prescriptions filled at its pharmacies', disruption: 'a port strike that delays holiday inventory', rivals: ['COST', 'AMZN'] },
  COST: { segment: 'membership warehouse', product: 'an expanded Executive membership with early shopping hours', probe: 'a state inquiry into membership-fee disclosures', approval: 'zoning approval for a wave of new warehouses', lawsuit: 'a lawsuit over labelling of private-label products', disruption: 'a port strike that delays imported merchandise', rivals: ['WMT'] },
  LLY: { segment: 'obesity drug', product: 'lower-priced Zepbound vials through LillyDirect', probe: 'a congressional inquiry into GLP-1 drug pricing', approval: 'FDA approval of orforglipron, an oral GLP-1 treatment for obesity', lawsuit: 'a lawsuit against sellers of compounded tirzepatide', disruption: 'a shortage of injector pens at a contract manufacturer' },
  UNH: { segment: 'Medicare Advantage', product: 'a new Optum AI claims-processing platform', probe: 'a DOJ investigation into Medicare Advantage billing', approval: 'CMS approval of higher Medicare Advantage rates', lawsuit: 'a lawsuit over claim denials', disruption: 'a cyberattack on a claims clearinghouse' },
};

/** The story material of a company (defaults for what its row leaves out). */
export function anglesOf(symbol: string): CompanyAngles {
  const row = TABLE[symbol];
  if (!row) throw new Error(`no event angles for ${symbol}`);
  return {
    disruption: `a supplier production problem that delays ${row.segment} shipments`,
    suppliers: [], customers: [], rivals: [],
    ...row,
  };
}

/** Top holdings the fund events mention. */
export const FUND_HOLDINGS: Record<string, string[]> = {
  SPY: ['AAPL', 'MSFT', 'NVDA'],
  QQQ: ['NVDA', 'MSFT', 'AAPL'],
  DIA: ['UNH', 'MSFT', 'JPM'],
  IWM: [],
};
