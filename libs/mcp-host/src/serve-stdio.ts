import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

export interface StdioHandle {
  /** Resolves when the client goes away (stdin ends) or close() is called. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** Serves one McpServer over this process's stdin/stdout; stdout then belongs to the protocol, so log to stderr. */
export async function serveStdio(
  server: McpServer,
  streams: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {},
): Promise<StdioHandle> {
  const stdin = (streams.stdin ?? process.stdin) as NodeJS.ReadStream;
  const stdout = (streams.stdout ?? process.stdout) as NodeJS.WriteStream;
  const transport = new StdioServerTransport(stdin, stdout);
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  transport.onclose = () => markClosed();
  // The SDK transport does not notice EOF on stdin; without this a server whose client died lingers.
  const onEnd = () => void server.close().finally(markClosed);
  stdin.once('end', onEnd);
  await server.connect(transport);
  return {
    closed,
    async close() {
      stdin.off('end', onEnd);
      await server.close();
      markClosed();
    },
  };
}
