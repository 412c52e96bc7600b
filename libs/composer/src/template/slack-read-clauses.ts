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
    // A clause per message: "summarise it in 4 bullets" gives a bullet per message, never a message cut in two.
    else {
      const said = (index: number) => `${users[index] ? `${users[index]}: ` : ''}“${texts[index]}”`;
      clauses.push(`The latest ${texts.length === 1 ? 'message' : 'messages'} in ${label}, newest first: ${said(0)}`, ...texts.slice(1).map((_text, index) => said(index + 1)));
    }
  }
  return clauses;
}
