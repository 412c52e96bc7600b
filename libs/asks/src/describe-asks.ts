import type { Ask, AnswerForm, Asks } from './ask.ts';
import { FACT_WORDS } from './read-facts.ts';

/** The form in words, as a model is told it ("exactly 3 bullets", "a markdown table, then one line"). */
export function describeForm(form: AnswerForm): string {
  const count = form.count ? `${form.at_most ? 'at most' : 'exactly'} ${form.count} ` : '';
  const layout = {
    free: 'prose',
    one_sentence: 'one sentence',
    sentences: `${count}sentences`,
    bullets: `${count}bullets ("- " lines)`,
    paragraphs: `${count}paragraphs separated by a blank line`,
    table: form.trailing_line ? 'a markdown table (one row per name), then one line of interpretation' : 'a markdown table (one row per name)',
  }[form.layout];
  return form.words ? `${layout}, ${form.words.min > 0 ? `${form.words.min}-` : 'at most '}${form.words.max} words` : layout;
}

function describeAsk(ask: Ask): string {
  switch (ask.kind) {
    case 'fact': return `state for each name: ${ask.facts.map((label) => FACT_WORDS[label].name).join(', ')}`;
    case 'list': return `list ${ask.count} ${ask.of}${ask.per_entity ? ' for each name' : ''}${ask.fields.length ? ` with ${ask.fields.join(', ')}` : ''}`;
    case 'ranking': return `rank the names by ${ask.by}${ask.absolute ? ' (size, either direction)' : ''}`;
    case 'pick': return `name first the one with the ${ask.direction === 'max' ? 'highest' : 'lowest'} ${ask.by}${ask.absolute ? ' in absolute terms' : ''}, with the figure that decided it`;
    case 'window': return `compute the ${ask.statistic} over exactly the last ${ask.window.count} ${ask.window.unit}, and name that window`;
    case 'benchmark': return `compare with ${ask.symbol}${ask.window ? ` over the same ${ask.window.count} ${ask.window.unit}` : ''}`;
    case 'verdict': return `open with a verdict on the claim "${ask.claim}": supported, contradicted, or no evidence found in the tools`;
    case 'stance': return `open with one of: ${ask.options.join(' / ')}, and the facts that decide it`;
    case 'slack-post': return `post to ${ask.channel}${ask.texts.length ? ` the text ${ask.texts.map((text) => `"${text}"`).join(' or ')} (the branch the facts select)` : ''}`;
    case 'slack-read': return `read ${ask.channel} and summarise it`;
    case 'conditional': return `state which branch applied (${ask.condition}) and why`;
  }
}

/** What the answer must deliver, one line per ask, for a planner's or composer's prompt. */
export function describeAsks(asks: Asks): string[] {
  return [`form: ${describeForm(asks.form)}`, ...asks.asks.map(describeAsk), ...(asks.no_post ? ['never post to Slack (the prompt forbids it)'] : [])];
}
