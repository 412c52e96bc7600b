import { z } from 'zod';
import { FACT_LABELS } from './read-facts.ts';

/**
 * What a prompt asks the answer to deliver, read from its text alone (entities are the planner's to resolve).
 * Stored with the plan's final_answer_requirements so the composer, the gate and a judge all see the same asks.
 */

export const WordRangeSchema = z.object({ min: z.number().int().min(0), max: z.number().int().min(1) });

export const AnswerFormSchema = z.object({
  layout: z.enum(['free', 'one_sentence', 'sentences', 'bullets', 'paragraphs', 'table']),
  /** How many sentences, bullets or paragraphs; absent when the prompt names the layout without a count. */
  count: z.number().int().min(1).optional(),
  /** The count is a ceiling ("2 sentences max"), not an exact number. */
  at_most: z.boolean().optional(),
  /** A table followed by a line of interpretation ("a table followed by one line"). */
  trailing_line: z.boolean().optional(),
  /** The table's columns as the prompt names them ("with the columns Ticker, Close and % change"). */
  columns: z.array(z.string()).min(1).optional(),
  words: WordRangeSchema.optional(),
});
export type AnswerForm = z.infer<typeof AnswerFormSchema>;

export const WindowSchema = z.object({ unit: z.enum(['sessions', 'hours']), count: z.number().int().min(1) });
export type AskWindow = z.infer<typeof WindowSchema>;

export const AskSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fact'), facts: z.array(z.enum(FACT_LABELS)).min(1).describe('company facts the prompt names, stated for each name') }),
  z.object({ kind: z.literal('list'), of: z.enum(['headlines', 'movers', 'search-results', 'messages', 'items']), count: z.number().int().min(1), per_entity: z.boolean(), fields: z.array(z.enum(['source', 'link', 'date', 'sentiment'])) }),
  z.object({ kind: z.literal('ranking'), by: z.string(), absolute: z.boolean() }),
  z.object({ kind: z.literal('pick'), by: z.string(), direction: z.enum(['max', 'min']), absolute: z.boolean() }),
  z.object({ kind: z.literal('window'), window: WindowSchema, statistic: z.enum(['return', 'range', 'volatility', 'max-drop', 'trend', 'summary']) }),
  z.object({ kind: z.literal('benchmark'), symbol: z.string(), window: WindowSchema.optional() }),
  z.object({ kind: z.literal('verdict'), claim: z.string() }),
  z.object({
    kind: z.literal('stance'),
    options: z.array(z.string()).min(2),
    rule: z.object({ clauses: z.array(z.object({ option: z.string(), when: z.string().optional() })).min(2) }).optional()
      .describe('the rule the prompt decides the stance by: each option with its condition in the prompt\'s words, the last one the default'),
  }),
  z.object({ kind: z.literal('slack-post'), channel: z.string(), texts: z.array(z.string()).describe('quoted post texts the prompt gives, one per branch; <TICKER> is a slot') }),
  z.object({ kind: z.literal('slack-read'), channel: z.string() }),
  z.object({ kind: z.literal('conditional'), condition: z.string(), silent_branch: z.boolean().optional().describe('a branch posts nothing ("if not, don\'t post")') }),
]);
export type Ask = z.infer<typeof AskSchema>;
export type AskKind = Ask['kind'];

export const AsksSchema = z.object({
  form: AnswerFormSchema,
  asks: z.array(AskSchema),
  /** The prompt forbids posting ("do not post", "read only"). */
  no_post: z.boolean(),
  /** The symbols the asks are about, resolved by the planner (empty until then). */
  entities: z.array(z.string()),
});
export type Asks = z.infer<typeof AsksSchema>;
