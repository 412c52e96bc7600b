import type { CompanyEvent } from '@forge/snapshot';
import { dollars, longDate } from './describe-move.ts';

/** "rose 4.20%" / "fell 4.20%" / "was little changed (+0.10%)" for a close-to-close move. */
export function moved(percent: number): string {
  if (Math.abs(percent) < 0.3) return `was little changed (${percent >= 0 ? 'up' : 'down'} ${Math.abs(percent).toFixed(2)}%)`;
  return `${percent > 0 ? 'rose' : 'fell'} ${Math.abs(percent).toFixed(2)}%`;
}

/** The market reaction of an event in one sentence, every figure from the bars. */
export function reactionSentence(name: string, event: Pick<CompanyEvent, 'date' | 'move_percent' | 'close' | 'previous_close'>): string {
  return `Shares of ${name} ${moved(event.move_percent)} to close at ${dollars(event.close)} on ${longDate(event.date)}, from a previous close of ${dollars(event.previous_close)}.`;
}

/** One sentence per related ticker: its role and its move that session. */
export function relatedSentences(event: Pick<CompanyEvent, 'related'>, shortOf: (symbol: string) => string): string[] {
  return event.related.map((link) => `${shortOf(link.symbol)} (${link.symbol}), ${link.role === 'holding' ? 'a top holding' : `a ${link.role}`}, ${moved(link.move_percent)} to ${dollars(link.close)} the same session.`);
}

/** URL slug of a text. */
export function slugify(text: string): string {
  return text.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80).replace(/-$/, '');
}
