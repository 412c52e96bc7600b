import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { ForgeError } from '@forge/errors';
import { healthCommand } from './health.ts';
import { serverConfigDirs } from './__fixtures__/server-config-dirs.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
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

  it('accepts only the servers of its own serve run: another run\'s nonce fails with one line naming the server', async () => {
    const { dir } = await configDirs.write('health-nonce-', {
      name: 'echo', entry: join(root, 'libs/mcp-host/src/__fixtures__/echo-main.ts'), expectedTools: ['echo'], probe: { tool: 'echo', arguments: { text: 'probe' } },
    });
    const serve = execa(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'serve', '--config-dir', dir, '--logs-dir', dir, '--run-id', 'run-a'], { cwd: root, reject: false });
    try {
      await new Promise<void>((resolve, reject) => {
        serve.stderr!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('all 1 servers healthy')) resolve();
        });
        serve.once('exit', () => reject(new Error('serve exited early')));
      });
      const health = (args: string[]) =>
        execa(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'health', '--config-dir', dir, '--deadline-ms', '1', '--interval-ms', '1', ...args], { cwd: root, reject: false, timeout: 30_000 });
      // Run A's own nonce, as serve recorded it for the current run.
      const own = await health(['--logs-dir', dir]);
      expect(own.exitCode).toBe(0);
      expect(own.stdout).toMatch(/^ok +echo/m);

      // Run B (another logs dir, its own current run and nonce) reaching A's servers on the same port.
      const other = join(dir, 'other-run');
      await mkdir(join(other, 'run-b'), { recursive: true });
      await writeFile(join(other, 'current-run'), 'run-b\n');
      await writeFile(join(other, 'run-b', 'run-nonce'), 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n');
      const foreign = await health(['--logs-dir', other]);
      expect(foreign.exitCode).toBe(1);
      const errorLines = foreign.stderr.trim().split('\n').filter((line) => line.includes('serves another run'));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toMatch(/echo at http:\/\/127\.0\.0\.1:\d+\/mcp: serves another run \(run nonce [0-9a-f]{32}, expected b{32}\)/);
      expect((await health(['--logs-dir', dir, '--run-nonce', 'cccccccccccccccc'])).exitCode).toBe(1);
    } finally {
      serve.kill('SIGTERM');
      await serve;
    }
  });
});
