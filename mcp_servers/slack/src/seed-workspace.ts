import type { SlackChannel, SlackMessage } from './slack-backend.ts';

/** The channels every local workspace starts with (synthetic). */
export const SEED_CHANNELS: SlackChannel[] = [
  { id: 'C0GENERAL', name: 'general', topic: 'Company-wide announcements (synthetic workspace)', num_members: 42 },
  { id: 'C0RESEARCH', name: 'research', topic: 'Equity research notes and summaries', num_members: 12 },
  { id: 'C0MARKETS', name: 'markets', topic: 'Market moves and daily wrap-ups', num_members: 18 },
  { id: 'C0ALERTS', name: 'alerts', topic: 'Price and risk alerts', num_members: 7 },
];

/** An opening message per channel and a few days of desk chatter, so a read has something to summarise; all before the snapshot's as_of. */
export const SEED_MESSAGES: Array<SlackMessage & { channel_id: string }> = [
  { channel_id: 'C0GENERAL', ts: '1795600000.000100', user: 'U0ADMIN', text: 'Welcome to the synthetic research workspace.' },
  { channel_id: 'C0RESEARCH', ts: '1795600000.000200', user: 'U0ADMIN', text: 'Post research summaries here, one thread per ticker.' },
  { channel_id: 'C0MARKETS', ts: '1795600000.000300', user: 'U0ADMIN', text: 'Daily market wrap-ups go in this channel.' },
  { channel_id: 'C0ALERTS', ts: '1795600000.000400', user: 'U0ADMIN', text: 'Alerts channel: price moves over 5% and risk flags.' },
  // Desk chatter from the days before as_of (synthetic, qualitative: every figure comes from the market tools).
  { channel_id: 'C0GENERAL', ts: '1795610000.000100', user: 'U0OPS', text: 'Reminder: US markets are closed on Thursday for Thanksgiving; the desk reopens Friday.' },
  { channel_id: 'C0GENERAL', ts: '1795620000.000100', user: 'U0ANNA', text: 'Anyone else seeing heavy interest in SMCI from clients today?' },
  { channel_id: 'C0GENERAL', ts: '1795630000.000100', user: 'U0OPS', text: 'New joiners: read the research style guide before posting in #research.' },
  { channel_id: 'C0RESEARCH', ts: '1795610000.000200', user: 'U0ANNA', text: 'NVDA: still constructive, AI data-center demand is the driver; watching the reaction to the latest headlines.' },
  { channel_id: 'C0RESEARCH', ts: '1795620000.000200', user: 'U0RAVI', text: 'JPM vs BAC: we prefer JPM on valuation; refresh the P/E comparison before the note goes out.' },
  { channel_id: 'C0RESEARCH', ts: '1795630000.000200', user: 'U0MEI', text: 'AMD call: neutral into the product cycle, revisit after the next earnings print.' },
  { channel_id: 'C0MARKETS', ts: '1795610000.000300', user: 'U0RAVI', text: 'Small caps (IWM) lagging the large-cap indexes again this week.' },
  { channel_id: 'C0MARKETS', ts: '1795620000.000300', user: 'U0TOM', text: 'Heard CVX was halted this morning, can anyone confirm?' },
  { channel_id: 'C0MARKETS', ts: '1795630000.000300', user: 'U0ANNA', text: 'Energy heavy today: XOM and CVX both trading lower with crude.' },
  { channel_id: 'C0ALERTS', ts: '1795610000.000400', user: 'U0RISK', text: 'TSLA: unusual options activity flagged by the risk desk.' },
  { channel_id: 'C0ALERTS', ts: '1795620000.000400', user: 'U0RISK', text: 'NVDA: large move on the day, check the news flow before adding.' },
  { channel_id: 'C0ALERTS', ts: '1795630000.000400', user: 'U0RISK', text: 'SMCI: risk flag raised on headline volatility.' },
];
