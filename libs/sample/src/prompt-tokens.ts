import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';

/** Tokenizer encodings the prompt-length gate can count with. */
export const PROMPT_TOKEN_ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
export type PromptTokenEncoding = (typeof PROMPT_TOKEN_ENCODINGS)[number];
export const DEFAULT_PROMPT_TOKEN_ENCODING: PromptTokenEncoding = 'o200k_base';

/** One chat message as a SkyRL row's `prompt` holds it. */
export interface PromptMessage {
  role: string;
  content: string;
}

// encodeChat needs a chat model to pick its template; these are the chat models of each encoding.
const TOKENIZERS = {
  o200k_base: { encodeChat: o200k.encodeChat, model: 'gpt-4o' },
  cl100k_base: { encodeChat: cl100k.encodeChat, model: 'gpt-4' },
} as const;

export function isPromptTokenEncoding(name: string): name is PromptTokenEncoding {
  return (PROMPT_TOKEN_ENCODINGS as readonly string[]).includes(name);
}

/**
 * Tokens of a row's prompt with the chat template's overhead (message separators and the assistant's reply
 * priming), as gpt-tokenizer's encodeChat lays it out. Roles other than system/user/assistant count as user.
 */
export function countPromptTokens(messages: readonly PromptMessage[], encoding: PromptTokenEncoding = DEFAULT_PROMPT_TOKEN_ENCODING): number {
  const tokenizer = TOKENIZERS[encoding];
  const chat = messages.map((message) => ({
    role: message.role === 'system' || message.role === 'assistant' ? message.role : ('user' as const),
    content: message.content,
  }));
  return tokenizer.encodeChat(chat, tokenizer.model).length;
}
