import type { FakeUsage } from './fake-reply.ts';

interface CompletionInput {
  id: string;
  model: string;
  content: string;
  usage: FakeUsage | null;
  created: number;
}

function chatUsage(usage: FakeUsage) {
  return { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
}

/** A non-streaming Chat Completions body carrying one assistant message. */
export function renderChatCompletion(input: CompletionInput): Record<string, unknown> {
  return {
    id: input.id,
    object: 'chat.completion',
    created: input.created,
    model: input.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: input.content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    ...(input.usage ? { usage: chatUsage(input.usage) } : {}),
  };
}

const CHUNK_CHARS = 24;

/** The SSE frames of a streamed Chat Completion: role, content pieces, stop, optional usage, [DONE]. */
export function renderChatChunks(input: CompletionInput, includeUsage: boolean): string[] {
  const base = { id: input.id, object: 'chat.completion.chunk', created: input.created, model: input.model };
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const frames: unknown[] = [chunk({ role: 'assistant', content: '' }, null)];
  for (let start = 0; start < input.content.length; start += CHUNK_CHARS) {
    frames.push(chunk({ content: input.content.slice(start, start + CHUNK_CHARS) }, null));
  }
  frames.push(chunk({}, 'stop'));
  if (includeUsage && input.usage) frames.push({ ...base, choices: [], usage: chatUsage(input.usage) });
  return [...frames.map((frame) => `data: ${JSON.stringify(frame)}\n\n`), 'data: [DONE]\n\n'];
}

/** A completed Responses API body whose single output message holds the text. */
export function renderResponse(input: CompletionInput): Record<string, unknown> {
  return {
    id: input.id,
    object: 'response',
    created_at: input.created,
    model: input.model,
    status: 'completed',
    error: null,
    incomplete_details: null,
    output: [
      {
        type: 'message',
        id: `msg_${input.id}`,
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: input.content, annotations: [] }],
      },
    ],
    ...(input.usage
      ? {
          usage: {
            input_tokens: input.usage.prompt_tokens,
            output_tokens: input.usage.completion_tokens,
            total_tokens: input.usage.prompt_tokens + input.usage.completion_tokens,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens_details: { reasoning_tokens: 0 },
          },
        }
      : {}),
  };
}
