import type { PlanBuilder } from './plan-builder.ts';
import type { PromptReading } from './read-prompt.ts';
import { addNewsStep, addProfileStep, addQuoteStep, type Done, type EntityRef } from './entity-steps.ts';
import { addMoversStep, type MoverList } from './context-steps.ts';

const EACH = /\beach\b|\bevery\b|all of them|for them|their (?:latest )?(?:news|headlines)|among (?:the |today's )?(?:top )?(?:gainers|losers|movers)/i;

/** Ranks the followed movers by a profile number (beta): the symbols come from the movers list at run time. */
const RANK_FOLLOWED_CODE = [
  'pairs = [(s, None if v in (None, "None", "") else float(v)) for s, v in zip(symbols, values)]',
  'values_by = {s: v for s, v in pairs if v is not None}',
  'order = sorted(values_by, key=lambda s: values_by[s], reverse=True)',
  'result = {"ranking": order, "values": {s: round(values_by[s], 2) for s in order}, "leader": order[0], "laggard": order[-1]}',
].join('\n');

/** Which list a follow-up is about: the one named beside it ("a headline for the top gainer"), else the last listed. */
function followedList(text: string, lists: MoverList[]): MoverList {
  const near = /(?:headline|news|story|sector|industry|profile)[^.?!]{0,40}?\b(gainer|loser|winner|decliner)s?\b/i.exec(text)
    ?? /\b(gainer|loser|winner|decliner)s?['’]?s? (?:latest )?(?:headline|news|story|sector|industry)/i.exec(text);
  const named: MoverList | undefined = near ? (/gain|winner/i.test(near[1]) ? 'gainers' : 'losers') : undefined;
  return named && lists.includes(named) ? named : lists[lists.length - 1];
}

/** Movers lists, and the news or profile of the top name when the question asks about it ("the worst one's headline"). */
export function addMoverSteps(plan: PlanBuilder, done: Done, reading: PromptReading, entities: EntityRef[]): void {
  const movers = reading.movers;
  if (!movers) return;
  // "SPY QQQ DIA IWM — biggest mover today": the biggest mover among the names listed, not the market's lists.
  if (entities.length >= 2 && reading.facets.has('ranking')) return;
  const f = reading.facets;
  const followUp = (f.has('headline') || f.has('profile')) && entities.length === 0;
  const followed = followedList(reading.rawText, movers.lists);
  // "For each of the six, state whether the session volume exceeded its 50-session average": every listed name's quote.
  const volumes = f.has('volume') && entities.length === 0;
  for (const list of movers.lists) {
    const follows = (followUp && list === followed) || volumes;
    // "Each one's latest headline" follows every listed name (up to five); otherwise only the top one.
    const follow = volumes || (follows && EACH.test(reading.rawText)) ? Math.min(movers.count, 5) : 1;
    addMoversStep(plan, list, movers.count, follows, follow);
    if (!follows) continue;
    const top = list === 'gainers' ? 'top_gainer' : 'top_loser';
    const slugs = Array.from({ length: follow }, (_, index) => (index === 0 ? top : `${top}_${index + 1}`));
    for (const slug of slugs) {
      const ref: EntityRef = { symbol: slug.toUpperCase(), slug, param: `\${${slug}}`, resolvedByName: false, searchIndex: 0 };
      if (volumes) addQuoteStep(plan, done, ref);
      if (f.has('headline') && (list === followed || !volumes)) addNewsStep(plan, done, ref, 1, f.has('sentiment'));
      if (f.has('profile')) addProfileStep(plan, done, ref);
    }
    // "Which of the gainers has the highest beta": rank the followed names by it.
    if (f.has('profile') && slugs.length > 1 && /\bbeta\b/i.test(reading.rawText)) {
      const inputs = { symbols: slugs.map((slug) => `\${${slug}}`), values: slugs.map((slug) => `\${${slug}_beta}`) };
      plan.add('python', 'execute_python', { code: RANK_FOLLOWED_CODE, inputs }, {
        extract: ['beta_ranking = result.ranking', 'beta_values = result.values', 'beta_leader = result.leader', 'beta_laggard = result.laggard'],
        accept_if: [`len(beta_ranking) == ${slugs.length}`],
      });
      plan.require('beta_ranking', 'beta_leader');
    }
  }
}
