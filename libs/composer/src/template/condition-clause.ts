import { decimal, type FactReader } from './fact-reader.ts';

/** An if/otherwise instruction: the condition, the value it was judged on, and which branch the facts chose. */
export function conditionClause(facts: FactReader): string | undefined {
  const holds = facts.flag('condition_holds');
  const metric = facts.number('condition_metric');
  const threshold = facts.number('condition_threshold');
  if (holds === undefined || metric === undefined || threshold === undefined) return undefined;
  const words = facts.text('condition_words') ?? 'the condition';
  const label = facts.text('condition_label');
  const channel = facts.text('condition_channel');
  // A silent branch the plan settled on has no Slack step: nothing was posted, and the answer says so.
  const posted = facts.text('slack_ts') !== undefined || facts.text('slack_channel') !== undefined;
  const branch = !posted && !holds ? ', so nothing was posted' : label && channel ? `, so the “${label}” note goes to ${channel}` : '';
  return `Condition check (${words}): the measured value is ${metric} against a threshold of ${threshold}, so the condition ${holds ? 'holds' : 'does not hold'}${branch}`;
}

/** The names whose volume ran over the multiple of their average the question set ("over 1.5x"). */
export function volumeFilterClause(facts: FactReader): string | undefined {
  const threshold = facts.number('volume_threshold');
  const ratios = facts.record('volume_ratio');
  if (threshold === undefined || !ratios) return undefined;
  const over = Object.keys(ratios).filter((symbol) => typeof ratios[symbol] === 'number' && (ratios[symbol] as number) > threshold);
  facts.list('volume_over_threshold');
  const listed = over.map((symbol) => `${symbol} (${decimal(ratios[symbol] as number)}x)`);
  return `Names with volume over ${threshold}x their average: ${listed.length ? listed.join(', ') : 'none'}`;
}
