import type { PlanBuilder } from './plan-builder.ts';
import type { EntityRef } from './entity-steps.ts';
import { snippet } from './python-snippets.ts';

export function addMarketStatusStep(plan: PlanBuilder): void {
  plan.add('polygon', 'polygon_get_market_status', {}, {
    extract: ['market_state = market', 'market_next_open = next_open', 'market_server_time = serverTime', 'market_holiday = is_holiday_today'],
    accept_if: ["market_state in ['open', 'closed', 'extended-hours']", 'market_next_open is not None'],
  });
}

/** The web query: the prompt's own topic, anchored on the company it names. */
export function webQuery(topic: string | undefined, entity: EntityRef | undefined): string {
  const subject = entity ? (entity.mention ?? entity.symbol) : '';
  if (topic && subject && topic.toLowerCase().includes(subject.toLowerCase())) return topic;
  if (topic) return `${subject} ${topic}`.trim();
  return subject ? `${subject} stock news analysis` : 'stock market news today';
}

export function addWebSearchStep(plan: PlanBuilder, query: string, items: number, summarise: boolean): void {
  plan.add('tavily', 'tavily_search', { query, max_results: Math.max(items, 3), search_depth: 'basic' }, {
    extract: ['web_titles = results[][title]', 'web_urls = results[][url]', ...(items > 1 ? ['web_dates = results[][published_date]'] : [])],
    select: ['web_top_title = web_titles[0]', 'web_top_url = web_urls[0]', ...(items > 1 ? [`web_top_titles = web_titles[:${items}]`, `web_top_urls = web_urls[:${items}]`, `web_top_dates = web_dates[:${items}]`] : [])],
    accept_if: [`len(web_urls) >= ${items}`, "web_top_url ~= '^https?://'"],
    ...(summarise ? { next_args_from: 'web_top_url' } : {}),
  });
  if (!summarise) return;
  plan.add('tavily', 'tavily_extract', { urls: ['${web_top_url}'] }, {
    extract: ['web_pages = results[][raw_content]'],
    select: ['web_top_content = web_pages[0]'],
    accept_if: ['len(web_pages) > 0', 'len(web_top_content) > 40'],
  });
}

export function addSlackSteps(plan: PlanBuilder, channel: string, text: string): void {
  plan.add('slack', 'send_slack_message', { channel, text }, {
    extract: ['slack_ts = ts', 'slack_channel = channel', 'slack_channel_id = channel_id'],
    accept_if: ['slack_ts is not None'],
  });
  plan.add('slack', 'get_slack_channel_history', { channel, limit: 10 }, {
    extract: ['slack_history_ts = results[][ts]'],
    compute: ['slack_confirmed = slack_ts in slack_history_ts'],
    accept_if: ['slack_confirmed'],
  });
}

/** Reads Slack without writing to it: the channel list (names, members) and/or a channel's latest messages. */
export function addSlackReadSteps(plan: PlanBuilder, channel: string | undefined, limit: number, listChannels: boolean): void {
  if (listChannels) {
    plan.add('slack', 'list_slack_channels', {}, {
      extract: ['slack_channel_names = results[][name]', 'slack_channel_members = results[][num_members]', 'slack_channel_topics = results[][topic]'],
      accept_if: ['len(slack_channel_names) > 0'],
    });
  }
  if (!channel) return;
  plan.add('slack', 'get_slack_channel_history', { channel, limit }, {
    extract: ['slack_read_channel = channel', 'slack_history_texts = results[][text]', 'slack_history_users = results[][user]'],
    accept_if: ['slack_read_channel is not None', `len(slack_history_texts) <= ${limit}`],
  });
}

export type MoverList = 'gainers' | 'losers';

/** The market's top movers; the first symbol feeds a follow-up step when the question asks about it. */
export function addMoversStep(plan: PlanBuilder, list: MoverList, count: number, feedsNext: boolean, follow = 1): void {
  const top = list === 'gainers' ? 'top_gainer' : 'top_loser';
  plan.add('fmp', `fmp_get_market_${list}`, { limit: count }, {
    extract: [`${list}_symbols = results[][symbol]`, `${list}_names = results[][name]`, `${list}_changes = results[][changesPercentage]`, `${list}_prices = results[][price]`],
    // The names after the first, when the question follows up on each of them ("each one's headline").
    select: [`${top} = ${list}_symbols[0]`, `${top}_change_pct = ${list}_changes[0]`, ...Array.from({ length: Math.min(follow, count) - 1 }, (_, index) => `${top}_${index + 2} = ${list}_symbols[${index + 1}]`)],
    accept_if: [`len(${list}_symbols) >= ${count}`],
    ...(feedsNext ? { next_args_from: top } : {}),
  });
}

/** The read messages → a digest: each message on one line, shortened, newest first as the history lists them. */
const DIGEST_CODE = snippet(
  'texts = [" ".join(str(t).split()) for t in arr(texts)]',
  'texts = [t for t in texts if t]',
  'def short(t):',
  '    return t if len(t) <= 140 else t[:137].rstrip() + "..."',
  'n = len(texts)',
  'head = "Digest of " + channel + " (latest " + str(n) + " message" + ("" if n == 1 else "s") + ")"',
  'text = head + ": " + " | ".join(short(t) for t in texts) if n else "Digest of " + channel + ": no recent messages."',
  'result = {"text": text, "count": n}',
);

/** A digest of the messages a read-then-post prompt read; the post sends `${digest_text}`. */
export function addDigestStep(plan: PlanBuilder, channel: string): void {
  plan.add('python', 'execute_python', { code: DIGEST_CODE, inputs: { texts: '${slack_history_texts}', channel } }, {
    extract: ['digest_text = result.text', 'digest_count = result.count'],
    // Channel names are letters, digits, '-' and '_': nothing a regex reads specially.
    accept_if: [`digest_text ~= '^Digest of ${channel}'`, 'digest_count >= 0'],
  });
}
