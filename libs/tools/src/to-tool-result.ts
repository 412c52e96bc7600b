import type { ToolResult } from './tool-spec.ts';

interface CallToolReply {
  isError?: unknown;
  structuredContent?: unknown;
  content?: unknown;
}

function textOf(content: unknown): string {
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is { type: 'text'; text: string } => part?.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text)
    .join('\n');
}

/** Maps an MCP tools/call reply to a ToolResult: ok only with an object `structuredContent`. */
export function toToolResult(value: object, latencyMs: number): ToolResult {
  const reply = value as CallToolReply;
  const text = textOf(reply.content);
  if (reply.isError === true) return { ok: false, kind: 'tool_error', error: text || 'tool reported an error without text', latencyMs };
  const structured = reply.structuredContent;
  if (structured === null || typeof structured !== 'object' || Array.isArray(structured)) {
    return { ok: false, kind: 'tool_error', error: `tool returned no structuredContent object${text ? `: ${text.slice(0, 200)}` : ''}`, latencyMs };
  }
  return { ok: true, structuredContent: structured as Record<string, unknown>, text, latencyMs };
}
