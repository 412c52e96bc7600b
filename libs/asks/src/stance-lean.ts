/**
 * Which way an action option leans ("add now" bullish, "stay flat" neutral, "trim" bearish): how a stance among
 * options the prompt names without a rule is mapped onto a scorecard (libs/planner's stance step).
 */
export type StanceLean = 'bull' | 'neutral' | 'bear';

/** Calls on a position, as a question asks them: "should I buy, hold or sell Netflix?", "add, trim or hold here?". */
export const ACTION = '(?:buy|sell|hold|add|trim|reduce|overweight|underweight|accumulate|avoid|exit|wait|stay flat|stay put|sit tight|hold off|average down|double down|cut(?: it| (?:my|the) losses)?|take profits?)';

const BULL = /^(?:buy|add|adding|average down|double down|overweight|ow|accumulate|long|go long|increase|enter|initiate|upgrade|add now|buy now|add more|buy more|add to|get in|top up)\b/;
const NEUTRAL = /^(?:hold|neutral|wait|stay flat|stay put|market ?weight|mw|keep|do nothing|sit tight|hold off|equal ?weight|ew|flat|stand pat|pass)\b/;
const BEAR = /^(?:sell|trim|reduce|underweight|uw|exit|short|avoid|cut|take profits?|downgrade|get out|lighten)\b/;
// Risk actions on a name ("escalate ARM", "flag INTC for review"): taken when the evidence is against it.
const FLAG = /^(?:escalate|flag|watch ?list|put on (?:the )?watch ?list|review|restrict|red[- ]flag|raise)\b/;

export function stanceLean(option: string): StanceLean | undefined {
  const text = option.toLowerCase().replace(/^(?:to|should (?:they|we|i|you))\s+/, '');
  return BULL.test(text) ? 'bull' : NEUTRAL.test(text) ? 'neutral' : BEAR.test(text) || FLAG.test(text) ? 'bear' : undefined;
}

