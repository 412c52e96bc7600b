/** A research theme of the web corpus: hand-written context plus the symbols it concerns. */
export interface Theme {
  key: string;
  label: string;
  symbols: string[];
  documents: Array<{ slug: string; title: string; paragraphs: string[] }>;
}

/** Themes the search corpus covers beyond the per-company pages. */
export const THEMES: Theme[] = [
  {
    key: 'memory', label: 'memory chip market', symbols: ['MU'],
    documents: [
      { slug: 'micron-memory-business-dram-nand-hbm', title: 'Micron memory business explained: DRAM, NAND and HBM', paragraphs: [
        'Micron Technology (MU) is the largest US maker of memory chips. Its memory business has three main product lines: DRAM, which serves as working memory in servers, PCs and phones; NAND flash, used in solid-state drives and mobile storage; and high-bandwidth memory (HBM), stacked DRAM placed next to AI accelerators.',
        'Memory is a commodity-like, cyclical business: when supply is tight, contract prices and Micron gross margins rise quickly, and when inventories build up, prices fall. HBM demand from AI data centers has made the current cycle unusually strong for Micron.',
      ] },
      { slug: 'memory-cycle-hbm-demand', title: 'The memory cycle: why HBM demand matters for Micron, Samsung and SK hynix', paragraphs: [
        'Three companies, Samsung, SK hynix and Micron (MU), produce nearly all of the world\'s DRAM. Because HBM uses more wafer capacity per bit than standard DRAM, strong AI demand tightens supply across the whole memory market.',
        'Analysts watch DRAM and NAND contract prices, inventory days and capital spending plans to judge where the memory cycle stands.',
      ] },
    ],
  },
  {
    key: 'arm-licensing', label: 'Arm licensing model', symbols: ['ARM', 'QCOM', 'AAPL', 'NVDA'],
    documents: [
      { slug: 'arm-licensing-model-royalties', title: 'How the Arm licensing model works: license fees and royalties', paragraphs: [
        'Arm Holdings (ARM) does not manufacture chips. It licenses its instruction set architecture and processor designs to partners such as Apple, Qualcomm, NVIDIA and hundreds of others, collecting an upfront license fee and a royalty on every chip shipped.',
        'Royalty revenue grows with unit shipments and with the royalty rate per chip, which is higher for newer architectures such as Armv9 and for compute subsystems (CSS). Licensing revenue is lumpier because it depends on the timing of new agreements.',
      ] },
      { slug: 'arm-data-center-ambitions', title: 'Arm in the data center: royalties beyond smartphones', paragraphs: [
        'Smartphones remain the largest source of Arm royalties, but Arm-based server CPUs designed by cloud providers and NVIDIA Grace processors expand its licensing model into data centers, where royalty per chip is higher.',
      ] },
    ],
  },
  {
    key: 'semiconductors', label: 'semiconductor outlook', symbols: ['NVDA', 'AMD', 'AVGO', 'INTC', 'QCOM', 'MU', 'ARM', 'TSM', 'SMCI'],
    documents: [
      { slug: 'semiconductor-outlook-2027', title: 'Semiconductor outlook: AI accelerators lead, PCs and phones recover slowly', paragraphs: [
        'The semiconductor outlook remains split. Data center spending on AI accelerators from NVIDIA (NVDA), AMD (AMD) and Broadcom (AVGO) custom chips keeps foundry capacity at TSMC (TSM) tight, while demand for PC and smartphone chips from Intel (INTC) and Qualcomm (QCOM) grows modestly.',
        'Risks to the outlook include export restrictions, customer concentration among hyperscalers, and the possibility that AI infrastructure spending slows.',
      ] },
      { slug: 'chip-stocks-weekly', title: 'Chip stocks this week: semiconductor shares and the SOX index', paragraphs: [
        'Semiconductor stocks were mixed over the week. The table below lists closing prices and five-session moves for the major chip names in this snapshot.',
      ] },
    ],
  },
  {
    key: 'ai-spending', label: 'AI data center spending', symbols: ['NVDA', 'MSFT', 'GOOGL', 'AMZN', 'META', 'AVGO', 'SMCI'],
    documents: [
      { slug: 'ai-data-center-capex', title: 'AI data center spending: hyperscaler capex and who benefits', paragraphs: [
        'Microsoft (MSFT), Alphabet (GOOGL), Amazon (AMZN) and Meta Platforms (META) have raised capital expenditure plans to build AI data centers. The main beneficiaries are accelerator suppliers such as NVIDIA (NVDA) and Broadcom (AVGO), memory makers like Micron (MU), and server builders such as Super Micro Computer (SMCI).',
        'Investors debate whether AI revenue will grow fast enough to earn a return on this spending.',
      ] },
      { slug: 'ai-servers-supply-chain', title: 'AI servers: liquid cooling, racks and the supply chain', paragraphs: [
        'Rack-scale AI systems combine GPUs, high-bandwidth memory, networking and liquid cooling. Super Micro Computer (SMCI), Dell and others assemble them, while TSMC (TSM) packaging capacity limits how many accelerators ship.',
      ] },
    ],
  },
  {
    key: 'bank-earnings', label: 'bank earnings', symbols: ['JPM', 'BAC'],
    documents: [
      { slug: 'bank-earnings-net-interest-income', title: 'Bank earnings: net interest income, credit costs and investment banking', paragraphs: [
        'Large US banks such as JPMorgan Chase (JPM) and Bank of America (BAC) earn most of their revenue from net interest income, the spread between what they earn on loans and pay on deposits, plus fees from investment banking, trading and wealth management.',
        'In bank earnings season analysts focus on net interest income guidance, loan growth, credit card charge-offs, provisions for credit losses and capital return through buybacks and dividends.',
      ] },
      { slug: 'big-bank-stocks', title: 'Big bank stocks: JPMorgan and Bank of America compared', paragraphs: [
        'JPMorgan Chase has the larger investment bank and trading business, while Bank of America has a larger deposit base relative to its size, making its earnings more sensitive to interest rates.',
      ] },
    ],
  },
  {
    key: 'oil-prices', label: 'oil prices', symbols: ['XOM', 'CVX'],
    documents: [
      { slug: 'oil-prices-and-integrated-majors', title: 'Oil prices and the integrated majors: Exxon Mobil and Chevron', paragraphs: [
        'Crude oil prices (Brent and WTI) drive upstream earnings at Exxon Mobil (XOM) and Chevron (CVX). Refining margins and chemical margins add to or offset the effect, and both companies return cash through dividends and buybacks.',
        'OPEC+ production decisions, US shale output, inventories and global demand growth are the main factors analysts watch for oil prices.',
      ] },
      { slug: 'energy-stocks-week', title: 'Energy stocks this week: oil producers track crude', paragraphs: [
        'Energy shares moved with crude oil prices this week. Closing prices and five-session moves for the energy names in this snapshot are listed below.',
      ] },
    ],
  },
  {
    key: 'glp1-drugs', label: 'GLP-1 obesity drugs', symbols: ['LLY'],
    documents: [
      { slug: 'glp1-obesity-drug-market', title: 'GLP-1 obesity drugs: Eli Lilly tirzepatide and the weight-loss market', paragraphs: [
        'GLP-1 based medicines for diabetes and obesity are among the fastest-growing drug classes. Eli Lilly (LLY) sells tirzepatide as Mounjaro and Zepbound and is developing oral options; Novo Nordisk is its main competitor.',
        'Manufacturing capacity, insurance coverage and pricing are the main constraints on how fast the obesity market grows.',
      ] },
    ],
  },
  {
    key: 'consumer-spending', label: 'consumer spending and retail', symbols: ['WMT', 'COST', 'AMZN', 'AAPL'],
    documents: [
      { slug: 'retail-consumer-spending-holiday', title: 'Consumer spending into the holidays: Walmart, Costco and Amazon', paragraphs: [
        'Retailers enter the holiday season with shoppers focused on value. Walmart (WMT) and Costco (COST) have gained share among higher-income households, while Amazon (AMZN) competes on delivery speed and Prime.',
        'The Friday after Thanksgiving is a shortened trading session on US exchanges, closing at 1:00 p.m. Eastern.',
      ] },
    ],
  },
  {
    key: 'electric-vehicles', label: 'electric vehicles', symbols: ['TSLA'],
    documents: [
      { slug: 'electric-vehicle-demand', title: 'Electric vehicle demand, pricing and Tesla deliveries', paragraphs: [
        'Tesla (TSLA) remains the largest US electric vehicle maker, but faces price competition from Chinese manufacturers and legacy automakers. Quarterly deliveries, automotive gross margin and progress on autonomy and robotaxi services drive the stock.',
      ] },
    ],
  },
  {
    key: 'streaming', label: 'streaming video', symbols: ['NFLX', 'GOOGL'],
    documents: [
      { slug: 'streaming-wars-netflix', title: 'Streaming: Netflix subscribers, advertising tier and live events', paragraphs: [
        'Netflix (NFLX) leads subscription streaming. Its ad-supported plan, price increases, live sports and events, and a crackdown on password sharing have supported revenue growth, while YouTube (Alphabet, GOOGL) is its largest competitor for viewing time.',
      ] },
    ],
  },
  {
    key: 'cloud-computing', label: 'cloud computing', symbols: ['MSFT', 'AMZN', 'GOOGL'],
    documents: [
      { slug: 'cloud-market-share-aws-azure-google-cloud', title: 'Cloud computing: AWS, Azure and Google Cloud growth', paragraphs: [
        'Amazon Web Services (AMZN), Microsoft Azure (MSFT) and Google Cloud (GOOGL) dominate public cloud infrastructure. AI workloads have re-accelerated cloud growth, and capacity constraints limit how quickly providers can add revenue.',
      ] },
    ],
  },
  {
    key: 'digital-advertising', label: 'digital advertising', symbols: ['META', 'GOOGL', 'AMZN'],
    documents: [
      { slug: 'digital-advertising-market', title: 'Digital advertising: Meta, Google and Amazon ads', paragraphs: [
        'Meta Platforms (META), Alphabet (GOOGL) and Amazon (AMZN) capture most US digital advertising spending. AI-driven ad targeting and measurement have improved returns for advertisers.',
      ] },
    ],
  },
  {
    key: 'managed-care', label: 'health insurers and managed care', symbols: ['UNH'],
    documents: [
      { slug: 'managed-care-medical-costs', title: 'Managed care: medical cost trends and Medicare Advantage', paragraphs: [
        'Health insurers such as UnitedHealth Group (UNH) are pressured by rising medical utilization and Medicare Advantage rate changes. The medical care ratio, the share of premiums paid out in claims, is the key metric.',
      ] },
    ],
  },
  {
    key: 'interest-rates', label: 'interest rates and the Fed', symbols: ['JPM', 'BAC', 'IWM'],
    documents: [
      { slug: 'interest-rates-federal-reserve', title: 'Interest rates and the Federal Reserve: what rate cuts mean for stocks', paragraphs: [
        'Federal Reserve rate decisions affect bank net interest income at JPMorgan Chase (JPM) and Bank of America (BAC) and small-cap stocks in the Russell 2000 (IWM), which carry more floating-rate debt.',
      ] },
    ],
  },
  {
    key: 'index-etfs', label: 'index ETFs', symbols: ['SPY', 'QQQ', 'DIA', 'IWM'],
    documents: [
      { slug: 'index-etfs-market-week', title: 'Index ETFs: S&P 500 (SPY), Nasdaq-100 (QQQ), Dow (DIA) and Russell 2000 (IWM)', paragraphs: [
        'SPY tracks the S&P 500, QQQ the Nasdaq-100, DIA the Dow Jones Industrial Average and IWM the Russell 2000. Their closing prices and five-session moves are listed below.',
      ] },
    ],
  },
];
