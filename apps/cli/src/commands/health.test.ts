import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ForgeError } from '@forge/errors';
import { healthCommand } from './health.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('forge health', () => {
  it('fails naming the server that is down, its URL and the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'health-'));
    dirs.push(dir);
    const port = await freePort();
    const entry = ['--import', 'tsx', 'mcp_servers/ghost/src/main.ts'];
    await writeFile(join(dir, 'ghost.json'), JSON.stringify({
      name: 'ghost', url: `http://127.0.0.1:${port}/mcp`, transport: 'streamable-http',
      http: { command: 'node', args: [...entry, '--transport', 'http', '--port', String(port)], port },
      stdio: { command: 'node', args: [...entry, '--transport', 'stdio'] },
      expected_tools: ['boo'], probe: { tool: 'boo', arguments: {} },
    }));
    const command = healthCommand().exitOverride();
    const error = await command
      .parseAsync(['--config-dir', dir, '--deadline-ms', '1', '--interval-ms', '1', '--json'], { from: 'user' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ForgeError);
    expect((error as Error).message).toContain(`ghost at http://127.0.0.1:${port}/mcp: cannot list tools:`);
    expect((error as ForgeError).exitCode).toBe(1);
  });
});
