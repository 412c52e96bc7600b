import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { isLoopbackHost } from './parse-server-args.ts';

export interface ServeHttpOptions {
  host: string;
  port: number;
  /** Reported by GET /health. */
  name?: string;
  /**
   * The serve run that started this server, reported by GET /health as `run_nonce`: a health check of one run never
   * accepts another run's server on the same port. (The SDK fixes serverInfo when a server is built, one per session,
   * by factories that know nothing of runs; the host's own endpoint is where the host's identity belongs.)
   */
  runNonce?: string;
  /** Sessions idle longer than this are closed, so clients that vanish without DELETE do not pile up. */
  idleSessionMs?: number;
  maxBodyBytes?: number;
  log?: (line: string) => void;
}

export interface HttpHandle {
  /** The MCP endpoint, e.g. http://127.0.0.1:7101/mcp. */
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  lastSeen: number;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const IDLE_SESSION_MS = 30 * 60_000;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function rpcError(response: ServerResponse, status: number, code: number, message: string): void {
  sendJson(response, status, { jsonrpc: '2.0', error: { code, message }, id: null });
}

function hostName(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const match = /^(\[[^\]]+\]|[^:]+)(:\d+)?$/.exec(hostHeader);
  return match?.[1];
}

/** DNS-rebinding guard: a page on evil.example resolving to 127.0.0.1 sends its own Host and Origin. */
function isLocalRequest(request: IncomingMessage): boolean {
  const host = hostName(request.headers.host);
  if (!host || !isLoopbackHost(host)) return false;
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return isLoopbackHost(new URL(origin).hostname);
  } catch {
    return false;
  }
}

async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RangeError(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Serves MCP over Streamable HTTP at `/mcp` with stateful sessions (one McpServer from `createServer`
 * per session, as the SDK requires) plus `GET /health`; resolves once listening.
 */
export async function serveHttp(
  createServer: () => McpServer | Promise<McpServer>,
  options: ServeHttpOptions,
): Promise<HttpHandle> {
  const sessions = new Map<string, Session>();
  const log = options.log ?? (() => {});
  const guardLoopback = isLoopbackHost(options.host);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const startedAt = Date.now();

  async function openSession(request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void> {
    const server = await createServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (sessionId) => {
        sessions.set(sessionId, { transport, server, lastSeen: Date.now() });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
    if (!transport.sessionId) await server.close();
  }

  async function handleMcp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const sessionHeader = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
    let body: unknown;
    if (request.method === 'POST') {
      try {
        body = await readJsonBody(request, maxBodyBytes);
      } catch (error) {
        if (error instanceof RangeError) return rpcError(response, 413, -32600, error.message);
        return rpcError(response, 400, -32700, 'Parse error: body is not JSON');
      }
    }
    if (sessionId) {
      const session = sessions.get(sessionId);
      if (!session) return rpcError(response, 404, -32001, 'Session not found');
      session.lastSeen = Date.now();
      return session.transport.handleRequest(request, response, body);
    }
    if (request.method === 'POST' && isInitializeRequest(body)) return openSession(request, response, body);
    return rpcError(response, 400, -32000, 'Bad Request: no valid session id and not an initialize request');
  }

  const httpServer = createHttpServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (guardLoopback && !isLocalRequest(request)) {
      log(`refused ${request.method} ${path}: host ${request.headers.host ?? '-'} origin ${request.headers.origin ?? '-'}`);
      return rpcError(response, 403, -32000, 'Forbidden: non-local Host or Origin');
    }
    if (path === '/health' && request.method === 'GET') {
      return sendJson(response, 200, { ok: true, name: options.name, ...(options.runNonce ? { run_nonce: options.runNonce } : {}), sessions: sessions.size, uptime_ms: Date.now() - startedAt });
    }
    if (path !== '/mcp') return sendJson(response, 404, { error: `no route ${path}; MCP lives at /mcp` });
    // No server-initiated messages here, so no standalone SSE stream: a 405 is allowed by the spec and
    // spares every session a long-lived GET connection.
    if (request.method === 'GET') {
      response.setHeader('allow', 'POST, DELETE');
      return rpcError(response, 405, -32000, 'Method not allowed: this server sends no server-initiated messages');
    }
    handleMcp(request, response).catch((error: unknown) => {
      log(`error handling ${request.method} /mcp: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) rpcError(response, 500, -32603, 'Internal server error');
      else response.end();
    });
  });

  const idleMs = options.idleSessionMs ?? IDLE_SESSION_MS;
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const [sessionId, session] of sessions) {
      if (now - session.lastSeen > idleMs) {
        sessions.delete(sessionId);
        void session.server.close();
      }
    }
  }, Math.min(idleMs, 60_000));
  sweeper.unref();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const urlHost = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;

  return {
    url: `http://${urlHost}:${port}/mcp`,
    port,
    async close() {
      clearInterval(sweeper);
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.allSettled(open.map((session) => session.server.close()));
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}
