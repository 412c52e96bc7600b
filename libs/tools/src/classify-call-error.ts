import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

export interface CallErrorClass {
  kind: 'tool_error' | 'transport_error' | 'timeout';
  /** Only a transport failure is worth a retry on a fresh connection; a tool error would fail the same way. */
  retryable: boolean;
  message: string;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? ` (${(cause as { code?: string }).code ?? cause.message})` : '';
  return `${error.message}${detail}`;
}

/**
 * Sorts an exception from an MCP client call: a JSON-RPC error the server sent is the tool's fault, a
 * request timeout is a timeout, anything else (refused connection, unknown session after a restart, HTTP 5xx,
 * closed stdio pipe) is the transport's.
 */
export function classifyCallError(error: unknown): CallErrorClass {
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout) return { kind: 'timeout', retryable: false, message: error.message };
    if (error.code === ErrorCode.ConnectionClosed) return { kind: 'transport_error', retryable: true, message: error.message };
    return { kind: 'tool_error', retryable: false, message: error.message };
  }
  return { kind: 'transport_error', retryable: true, message: describe(error) };
}
