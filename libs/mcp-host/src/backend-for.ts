import { ConfigError } from '@forge/errors';

export type Backend = 'snapshot' | 'live';

/** `MCP_BACKEND_<SERVER>`: the server name upper-cased, every other character than a letter or digit as `_`. */
export function backendVariable(server: string): string {
  return `MCP_BACKEND_${server.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * The backend one server runs: the `--backend` flag, else `MCP_BACKEND_<SERVER>` (e.g. MCP_BACKEND_SLACK=live over a
 * frozen market world), else `MCP_BACKEND`, else snapshot. Throws ConfigError naming the variable for any other value.
 */
export function backendFor(server: string, env: Record<string, string | undefined>, flag?: string): Backend {
  const perServer = backendVariable(server);
  const [source, value] =
    flag !== undefined ? ['--backend', flag] : env[perServer] ? [perServer, env[perServer]] : env.MCP_BACKEND ? ['MCP_BACKEND', env.MCP_BACKEND] : ['default', 'snapshot'];
  const trimmed = value.trim();
  if (trimmed === 'snapshot' || trimmed === 'live') return trimmed;
  throw new ConfigError({ field: source, expected: 'snapshot | live', received: value });
}
