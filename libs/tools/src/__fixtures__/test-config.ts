import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ServerConfig } from '../server-config.ts';

export const testServerEntry = fileURLToPath(new URL('./test-server-main.ts', import.meta.url));

/** A port that was free a moment ago (tests run in parallel, so never a fixed one). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

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
