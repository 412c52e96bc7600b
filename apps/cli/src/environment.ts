import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_MAX_PROMPT_TOKENS, DEFAULT_PROMPT_TOKEN_ENCODING, isPromptTokenEncoding, PROMPT_TOKEN_ENCODINGS, type PromptTokenEncoding } from '@forge/sample';
import { countFromEnvironment } from './options.ts';

/** The process environment as the CLI sees it: `.env` first (never overriding real variables). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Loads `.env` from the working directory when present and returns a frozen copy of the environment. */
export function loadEnvironment(cwd = process.cwd()): Environment {
  const file = `${cwd}/.env`;
  const fromFile: Record<string, string> = {};
  if (existsSync(file)) loadDotenv({ path: file, processEnv: fromFile, quiet: true });
  return Object.freeze({ ...fromFile, ...process.env });
}

const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD)/i;

/** Names of variables whose values must never be printed or written. */
export function secretValues(environment: Environment): string[] {
  return Object.entries(environment)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === 'string' && value.length >= 6)
    .map(([, value]) => value as string);
}

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
