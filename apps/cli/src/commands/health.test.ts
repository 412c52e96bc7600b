import { afterEach, describe, expect, it } from 'vitest';
import { ForgeError } from '@forge/errors';
import { healthCommand } from './health.ts';
import { serverConfigDirs } from './__fixtures__/server-config-dirs.ts';

const configDirs = serverConfigDirs();
afterEach(() => configDirs.removeAll());

describe('forge health', () => {
  it('fails naming the server that is down, its URL and the reason', async () => {
    const { dir, port } = await configDirs.write('health-', {
      name: 'ghost', entry: 'mcp_servers/ghost/src/main.ts', expectedTools: ['boo'], probe: { tool: 'boo', arguments: {} },
    });
    const command = healthCommand().exitOverride();
    const error = await command
      .parseAsync(['--config-dir', dir, '--deadline-ms', '1', '--interval-ms', '1', '--json'], { from: 'user' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ForgeError);
    expect((error as Error).message).toContain(`ghost at http://127.0.0.1:${port}/mcp: cannot list tools:`);
    expect((error as ForgeError).exitCode).toBe(1);
  });
});
