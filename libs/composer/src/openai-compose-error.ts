import { ForgeError } from '@forge/errors';

/** The model gave no usable `{answer_text}` reply after the allowed repair rounds. */
export class OpenAIComposeError extends ForgeError {
  constructor(context: { entryId: string; reason: string; repairs: number; received?: string }) {
    super({
      entryId: context.entryId,
      problem: `openai composer gave no usable answer after ${context.repairs} repair round${context.repairs === 1 ? '' : 's'}: ${context.reason}`,
      expected: 'a JSON object {"answer_text": "..."}',
      received: context.received,
      hint: 'retry the entry, use a stronger model, or the template composer',
    });
  }
}
