import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ForgeError } from '@forge/errors';
import { parseServerArgs } from './parse-server-args.ts';
import { serveHttp } from './serve-http.ts';
import { serveStdio } from './serve-stdio.ts';

/** What a server factory receives from its entry. */
export interface CreateServerOptions {
  backend: 'snapshot' | 'live';
  snapshotDir: string;
  env: Record<string, string | undefined>;
  dataDir: string;
}

export interface RunServerMainOptions {
  name: string;
  /**
   * Builds a fresh McpServer. Over HTTP it is called once per client session (the SDK binds one server to one
   * transport), so load heavy state (snapshot files, Pyodide workers) once outside and share it.
   */
  create: (options: CreateServerOptions) => McpServer | Promise<McpServer>;
  argv?: string[];
  env?: Record<string, string | undefined>;
}

/** Serves one MCP server as its entry's argv says (stdio or Streamable HTTP), until SIGTERM/SIGINT or stdin ends. */
export async function runServerMain(options: RunServerMainOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(`[${options.name}] ${line}\n`);
  const env = options.env ?? process.env;
  let args;
  try {
    args = parseServerArgs(options.argv ?? process.argv.slice(2), env, options.name);
  } catch (error) {
    log(error instanceof ForgeError ? `error: ${error.message}` : String(error));
    process.exit(2);
  }
  const createOptions: CreateServerOptions = { backend: args.backend, snapshotDir: args.snapshotDir, env, dataDir: args.dataDir };

  let close: () => Promise<void>;
  try {
    if (args.transport === 'stdio') {
      const handle = await serveStdio(await options.create(createOptions));
      close = handle.close;
      log(`serving over stdio (backend ${args.backend}, snapshot ${args.snapshotDir})`);
      void handle.closed.then(() => shutdown('stdin closed'));
    } else {
      // Build one server before listening, so a missing live key fails at startup rather than at the first client.
      const first = await options.create(createOptions);
      let spare: McpServer | undefined = first;
      const create = async () => {
        const server = spare ?? (await options.create(createOptions));
        spare = undefined;
        return server;
      };
      const handle = await serveHttp(create, {
        host: args.host,
        port: args.port,
        name: options.name,
        runNonce: args.runNonce,
        log,
      });
      close = handle.close;
      log(`listening on ${handle.url} (backend ${args.backend}, snapshot ${args.snapshotDir}, pid ${process.pid})`);
      if (args.exitOnStdinClose) {
        process.stdin.once('end', () => void shutdown('stdin closed: supervisor gone'));
        process.stdin.resume();
      }
    }
  } catch (error) {
    // Our own errors already say what to fix; anything else keeps its stack for a bug report.
    const detail = error instanceof ForgeError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`failed to start: ${detail}`);
    process.exit(1);
  }

  let stopping = false;
  async function shutdown(reason: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    log(`stopping (${reason})`);
    // A stuck close must not keep a supervisor waiting forever.
    const force = setTimeout(() => process.exit(0), 3_000);
    force.unref();
    await close().catch((error: unknown) => log(`error while closing: ${String(error)}`));
    process.exit(0);
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
