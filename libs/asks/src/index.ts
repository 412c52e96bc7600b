export { AskSchema, AsksSchema, AnswerFormSchema, WindowSchema } from './ask.ts';
export type { Ask, AskKind, Asks, AnswerForm, AskWindow } from './ask.ts';
export { readAsks, readWindow } from './read-asks.ts';
export { readForm, readWordRange } from './read-form.ts';
export { checkAnswer, sentencesOf, bulletsOf, paragraphsOf, tableRowsOf, wordsOf } from './check-answer.ts';
export type { AskMiss, AnswerCheckInput } from './check-answer.ts';
export { describeAsks, describeForm } from './describe-asks.ts';
export { countInWords } from './numbers.ts';
