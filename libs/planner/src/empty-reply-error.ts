import { ForgeError } from '@forge/errors';
import type { TokenUsage } from './planner.ts';

/**
 * A 200 reply with nothing in it: `choices: []` (Chat Completions) or `output: []` (Responses), as some proxies
 * answer after a content filter. Said as such, not as "not valid JSON" (issue 19 item 6); the same prompt would be
 * filtered again, so it is not retried.
 */
export class EmptyReplyError extends ForgeError {
  constructor(
    backend: 'chat' | 'responses',
    /** What the empty reply still cost. */
    readonly usage: TokenUsage,
  ) {
    super({ problem: backend === 'chat' ? 'model returned no choices' : 'model returned no output', retryable: false });
  }
}
