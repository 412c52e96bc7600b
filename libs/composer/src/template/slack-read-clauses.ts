import type { FactReader } from './fact-reader.ts';

/** What reading Slack found: the workspace's channels with their members, and a channel's latest messages. */
export function slackReadClauses(facts: FactReader): string[] {
  const clauses: string[] = [];
  const names = facts.list('slack_channel_names') as string[] | undefined;
  if (names) {
    const members = (facts.list('slack_channel_members') ?? []) as unknown[];
    const shown = names.map((name, index) => (typeof members[index] === 'number' ? `#${name} (${members[index]} members)` : `#${name}`));
    clauses.push(`The Slack workspace has ${names.length === 1 ? 'one channel' : 'these channels'}: ${shown.join(', ')}`);
  }
  const channel = facts.text('slack_read_channel');
  if (channel) {
    const texts = (facts.list('slack_history_texts') ?? []) as string[];
    const users = (facts.list('slack_history_users') ?? []) as string[];
    const label = channel.startsWith('#') ? channel : `#${channel}`;
    if (texts.length === 0) clauses.push(`No messages have been posted in ${label}`);
    // One clause, the messages quoted whole: "in 4 bullets" cuts it between messages, never inside a quote.
    else clauses.push(`The latest ${texts.length === 1 ? 'message' : 'messages'} in ${label}, newest first: ${texts.map((text, index) => `${users[index] ? `${users[index]}: ` : ''}“${text}”`).join('; ')}`);
  }
  return clauses;
}
