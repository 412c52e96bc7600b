import { fileURLToPath } from 'node:url';
import type { ServerConfig } from '../server-config.ts';

export const testServerEntry = fileURLToPath(new URL('./test-server-main.ts', import.meta.url));

/** A config for the fixture test server on `port`. */
export function testServerConfig(name: string, port: number): ServerConfig {
  return {
    name,
    url: `http://127.0.0.1:${port}/mcp`,
    transport: 'streamable-http',
    http: { command: 'node', args: ['--import', 'tsx', testServerEntry, '--transport', 'http', '--port', String(port)], port },
    stdio: { command: 'node', args: ['--import', 'tsx', testServerEntry, '--transport', 'stdio'] },
    expected_tools: ['echo', 'fail'],
    probe: { tool: 'echo', arguments: { text: 'probe' } },
  };
}
