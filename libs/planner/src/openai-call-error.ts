import { ForgeError } from '@forge/errors';
import type { RetryDecision } from './with-retry.ts';
import { redactSecrets } from './openai-redact.ts';

export interface OpenAICallErrorContext {
  /** What the call was for, e.g. "plan for entry E01". */
  purpose: string;
  attempts: number;
  decision: RetryDecision;
  /** The underlying error's message; redacted before it is stored. */
  detail: string;
  entryId?: string;
  apiKey?: string;
}

/**
 * A model call that failed for good (retries used up, or an error not worth retrying). It never holds the raw
 * client error: that one can carry request details, so only a redacted copy of its message is kept as cause.
 */
export class OpenAICallError extends ForgeError {
  readonly attempts: number;
  readonly status?: number;
  readonly kind: RetryDecision['kind'];

  constructor(context: OpenAICallErrorContext) {
    const detail = redactSecrets(context.detail, [context.apiKey]);
    const cause = new Error(detail);
    cause.stack = `Error: ${detail}`;
    super({
      entryId: context.entryId,
      problem: `model call (${context.purpose}) failed after ${context.attempts} attempt${context.attempts === 1 ? '' : 's'}: ${context.decision.kind}: ${detail}`,
      hint: hintFor(context.decision),
      retryable: context.decision.retryable,
      cause,
    });
    this.attempts = context.attempts;
    this.status = context.decision.status;
    this.kind = context.decision.kind;
  }
}

function hintFor(decision: RetryDecision): string {
  if (decision.kind === 'deadline') return 'raise --model-deadline-ms or check the model server is responsive; the entry is retried on resume';
  if (decision.kind === 'aborted') return 'the run was stopped; resume picks the entry up';
  if (decision.kind === 'empty-reply') return 'a content filter or proxy dropped the answer; try another model or rephrase the prompt';
  if (decision.status === 401 || decision.status === 403) return 'check the API key and base URL';
  if (decision.rateLimited) return 'lower --rpm / concurrency, or retry the run later (it resumes)';
  if (decision.kind === 'timeout') return 'raise the model timeout or check the server is responsive';
  if (decision.kind === 'connection') return 'check the base URL and that the model server is running';
  if (decision.status === 404) return 'check the model name and base URL (…/v1)';
  return 'see the detail above; the entry can be retried';
}
