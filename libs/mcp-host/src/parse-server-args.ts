import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '@forge/errors';
import { backendFor } from './backend-for.ts';

export const DEFAULT_SNAPSHOT_DIR = 'data/snapshot/synthetic-2026-11-25';
export const DEFAULT_DATA_DIR = 'data';
export const DEFAULT_HOST = '127.0.0.1';

/** What a server entry was asked to do, after argv and environment are read. */
export const ServerArgsSchema = z.object({
  transport: z.enum(['stdio', 'http']).describe('stdio for any MCP client, http for Streamable HTTP'),
  host: z.string().min(1).describe('interface to bind (http only); loopback unless allowRemote'),
  port: z.number().int().min(0).max(65_535).describe('TCP port (http only); 0 picks a free one'),
  allowRemote: z.boolean().describe('permit binding a non-loopback interface'),
  backend: z.enum(['snapshot', 'live']).describe('where tool answers come from'),
  snapshotDir: z.string().min(1).describe('folder of the frozen snapshot'),
  dataDir: z.string().min(1).describe('root of durable data (e.g. the Slack workspace file)'),
  runNonce: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,128}$/)
    .optional()
    .describe('identity of the serve run that started this server, reported by GET /health so health never accepts another run'),
  exitOnStdinClose: z.boolean().describe('exit when stdin ends (http only): a supervisor that dies, even by SIGKILL, closes the pipe'),
});
export type ServerArgs = z.infer<typeof ServerArgsSchema>;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True for names that only the local machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Reads a server entry's argv (`--transport`, `--port`, `--host`, `--allow-remote`, `--backend`,
 * `--snapshot-dir`, `--data-dir`, `--exit-on-stdin-close`) with `MCP_BACKEND_<SERVER>`, then `MCP_BACKEND`, as the
 * backend fallback (`server` names the variable); throws ConfigError on bad input.
 */
export function parseServerArgs(argv: string[], env: Record<string, string | undefined>, server?: string): ServerArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        transport: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-remote': { type: 'boolean' },
        backend: { type: 'string' },
        'snapshot-dir': { type: 'string' },
        'data-dir': { type: 'string' },
        'exit-on-stdin-close': { type: 'boolean' },
        'run-nonce': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new ConfigError({
      field: 'argv',
      problem: error instanceof Error ? error.message : String(error),
      hint: 'options: --transport stdio|http --port N --host 127.0.0.1 --backend snapshot|live --snapshot-dir DIR --data-dir DIR',
      cause: error,
    });
  }
  const portText = values.port as string | undefined;
  const port = portText === undefined ? 0 : Number(portText);
  const candidate = {
    transport: values.transport ?? 'stdio',
    host: values.host ?? DEFAULT_HOST,
    port,
    allowRemote: values['allow-remote'] === true,
    backend: server === undefined ? (values.backend ?? env.MCP_BACKEND ?? 'snapshot') : backendFor(server, env, values.backend as string | undefined),
    snapshotDir: values['snapshot-dir'] ?? DEFAULT_SNAPSHOT_DIR,
    dataDir: values['data-dir'] ?? DEFAULT_DATA_DIR,
    exitOnStdinClose: values['exit-on-stdin-close'] === true,
    ...(values['run-nonce'] !== undefined ? { runNonce: values['run-nonce'] } : {}),
  };
  const parsed = ServerArgsSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    throw new ConfigError({
      field: `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
      expected: issue.message,
      received: (candidate as Record<string, unknown>)[field],
    });
  }
  if (!parsed.data.allowRemote && !isLoopbackHost(parsed.data.host)) {
    throw new ConfigError({
      field: '--host',
      expected: 'a loopback address (127.0.0.1, ::1, localhost)',
      received: parsed.data.host,
      hint: 'the servers hold no auth; pass --allow-remote only on a trusted network',
    });
  }
  return parsed.data;
}
