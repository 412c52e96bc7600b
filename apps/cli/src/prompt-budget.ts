import { InvalidArgumentError } from 'commander';
import { DEFAULT_MAX_PROMPT_TOKENS, DEFAULT_PROMPT_TOKEN_ENCODING, isPromptTokenEncoding, PROMPT_TOKEN_ENCODINGS, type PromptTokenEncoding } from '@forge/sample';
import type { Environment } from './environment.ts';
import { countFromEnvironment } from './options.ts';

/**
 * SkyRL's max_prompt_length and the tokenizer its prompts are counted in (env MAX_PROMPT_TOKENS and
 * PROMPT_TOKEN_ENCODING); flags win over the environment, and an unknown encoding names the variable.
 */
export function promptBudget(environment: Environment, flags: { maxPromptTokens?: number; promptTokenEncoding?: string }): { maxPromptTokens: number; promptTokenEncoding: PromptTokenEncoding } {
  const maxPromptTokens = flags.maxPromptTokens ?? countFromEnvironment('MAX_PROMPT_TOKENS', environment.MAX_PROMPT_TOKENS) ?? DEFAULT_MAX_PROMPT_TOKENS;
  const named = flags.promptTokenEncoding ?? environment.PROMPT_TOKEN_ENCODING?.trim() ?? '';
  if (named === '') return { maxPromptTokens, promptTokenEncoding: DEFAULT_PROMPT_TOKEN_ENCODING };
  if (!isPromptTokenEncoding(named)) {
    const source = flags.promptTokenEncoding !== undefined ? '--prompt-token-encoding' : 'environment variable PROMPT_TOKEN_ENCODING';
    throw new InvalidArgumentError(`${source}: expected one of ${PROMPT_TOKEN_ENCODINGS.join(', ')}, got "${named}"`);
  }
  return { maxPromptTokens, promptTokenEncoding: named };
}
