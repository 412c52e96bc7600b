import type { SlackChannel, SlackMessage } from './slack-backend.ts';

/** The channels every local workspace starts with (synthetic). */
export const SEED_CHANNELS: SlackChannel[] = [
  { id: 'C0GENERAL', name: 'general', topic: 'Company-wide announcements (synthetic workspace)', num_members: 42 },
  { id: 'C0RESEARCH', name: 'research', topic: 'Equity research notes and summaries', num_members: 12 },
  { id: 'C0MARKETS', name: 'markets', topic: 'Market moves and daily wrap-ups', num_members: 18 },
  { id: 'C0ALERTS', name: 'alerts', topic: 'Price and risk alerts', num_members: 7 },
];

/** One opening message per channel so a fresh history is not empty; dated before the snapshot's as_of. */
export const SEED_MESSAGES: Array<SlackMessage & { channel_id: string }> = [
  { channel_id: 'C0GENERAL', ts: '1795600000.000100', user: 'U0ADMIN', text: 'Welcome to the synthetic research workspace.' },
  { channel_id: 'C0RESEARCH', ts: '1795600000.000200', user: 'U0ADMIN', text: 'Post research summaries here, one thread per ticker.' },
  { channel_id: 'C0MARKETS', ts: '1795600000.000300', user: 'U0ADMIN', text: 'Daily market wrap-ups go in this channel.' },
  { channel_id: 'C0ALERTS', ts: '1795600000.000400', user: 'U0ADMIN', text: 'Alerts channel: price moves over 5% and risk flags.' },
];
