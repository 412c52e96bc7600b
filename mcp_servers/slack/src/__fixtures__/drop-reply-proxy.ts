import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DropReplyProxy {
  url: string;
  /** Requests whose JSON-RPC body called this tool (forwarded ones, dropped replies included). */
  callsOf(tool: string): number;
  close(): Promise<void>;
}

const FORWARDED = ['content-type', 'accept', 'mcp-session-id', 'mcp-protocol-version'];

/**
 * An HTTP proxy in front of an MCP endpoint that forwards every request, and for the first `drops` calls of `tool`
 * lets the server act, then destroys the client's socket instead of replying: a lost acknowledgement.
 */
export async function startDropReplyProxy(upstream: string, options: { tool: string; drops: number }): Promise<DropReplyProxy> {
  const calls = new Map<string, number>();
  let drops = options.drops;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      let tool: string | undefined;
      try {
        const message = JSON.parse(body.toString('utf8')) as { method?: string; params?: { name?: string } };
        if (message.method === 'tools/call') tool = message.params?.name;
      } catch {
        // Not JSON (a GET or DELETE): forwarded as is.
      }
      if (tool) calls.set(tool, (calls.get(tool) ?? 0) + 1);
      const headers: Record<string, string> = {};
      for (const name of FORWARDED) if (typeof request.headers[name] === 'string') headers[name] = request.headers[name] as string;
      try {
        const reply = await fetch(upstream, { method: request.method, headers, body: request.method === 'POST' ? body : undefined });
        const text = Buffer.from(await reply.arrayBuffer());
        if (tool === options.tool && drops > 0) {
          drops -= 1;
          request.socket.destroy();
          return;
        }
        const out: Record<string, string> = {};
        reply.headers.forEach((value, name) => {
          if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection') out[name] = value;
        });
        response.writeHead(reply.status, out).end(text);
      } catch {
        request.socket.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    callsOf: (tool) => calls.get(tool) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
