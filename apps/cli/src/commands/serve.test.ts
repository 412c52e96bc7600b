import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRunId, parseServerList } from './serve.ts';
import { serverConfigDirs } from './__fixtures__/server-config-dirs.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const echoEntry = join(root, 'libs/mcp-host/src/__fixtures__/echo-main.ts');
const configDirs = serverConfigDirs();
afterEach(() => configDirs.removeAll());

describe('forge serve', () => {
  it('parses --servers and makes sortable run ids', () => {
    expect(parseServerList('polygon, fmp')).toEqual(['polygon', 'fmp']);
    expect(() => parseServerList(' , ')).toThrow(/server names/);
    expect(defaultRunId(new Date('2026-11-25T21:30:00.123Z'))).toBe('2026-11-25T21-30-00Z');
  });

  it('runs the configured servers until SIGTERM, then stops them all and exits 0', async () => {
    const { dir } = await configDirs.write('serve-', {
      name: 'echo', entry: echoEntry, expectedTools: ['echo'], probe: { tool: 'echo', arguments: { text: 'probe' } },
    });
    const serve = execa(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'serve', '--config-dir', dir, '--logs-dir', dir, '--run-id', 'run1'], { cwd: root, reject: false });
    await new Promise<void>((resolve, reject) => {
      serve.stderr!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('all 1 servers healthy')) resolve();
      });
      serve.once('exit', () => reject(new Error('serve exited early')));
    });
    const log = await readFile(join(dir, 'run1', 'echo.log'), 'utf8');
    const pid = Number(/started echo pid (\d+)/.exec(log)?.[1]);
    serve.kill('SIGTERM');
    const finished = await serve;
    expect(finished.exitCode).toBe(0);
    expect(finished.stderr).toMatch(/all servers stopped/);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('refuses ports that are already taken, naming the server and port, before starting anything', async () => {
    const { dir } = await configDirs.write('serve-busy-', {
      name: 'echo', entry: echoEntry, expectedTools: ['echo'], probe: { tool: 'echo', arguments: { text: 'probe' } },
    });
    const config = JSON.parse(await readFile(join(dir, 'echo.json'), 'utf8')) as { http: { port: number } };
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(config.http.port, '127.0.0.1', resolve));
    try {
      const serve = await execa(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'serve', '--config-dir', dir, '--logs-dir', dir, '--run-id', 'busy'], { cwd: root, reject: false, timeout: 30_000 });
      expect(serve.exitCode).not.toBe(0);
      expect(serve.stderr).toContain(`ports already in use: echo port ${config.http.port}`);
      expect(serve.stderr).not.toMatch(/healthy/);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it('exits 1 at once without live keys, one line per server naming its missing variable, and starts nothing', async () => {
    const bare = { PATH: process.env.PATH, HOME: process.env.HOME };
    const { dir } = await configDirs.write('serve-keys-', {
      name: 'echo', entry: echoEntry, expectedTools: ['echo'], probe: { tool: 'echo', arguments: { text: 'probe' } },
    });
    const run = (env: Record<string, string | undefined>) =>
      execa(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'serve', '--config-dir', 'mcp_servers/configs', '--logs-dir', dir, '--run-id', 'keys'], {
        cwd: root, env: { ...bare, ...env }, extendEnv: false, reject: false, timeout: 30_000,
      });
    const all = await run({ MCP_BACKEND: 'live' });
    expect(all.exitCode).toBe(1);
    const lines = all.stderr.split('\n').filter((line) => line.startsWith('serve: '));
    expect(lines).toEqual([
      expect.stringMatching(/^serve: polygon: the live backend needs POLYGON_API_KEY, which is not set/),
      expect.stringMatching(/^serve: fmp: the live backend needs FMP_API_KEY/),
      expect.stringMatching(/^serve: tavily: the live backend needs TAVILY_API_KEY/),
      expect.stringMatching(/^serve: slack: the live backend needs SLACK_BOT_TOKEN/),
    ]);
    expect(all.stderr).not.toMatch(/starting|healthy/);

    // MCP_BACKEND_SLACK=live over a frozen market world: only slack needs a key; a key that is set is not named.
    const slackOnly = await run({ MCP_BACKEND_SLACK: 'live', POLYGON_API_KEY: 'unused' });
    expect(slackOnly.exitCode).toBe(1);
    expect(slackOnly.stderr.split('\n').filter((line) => line.startsWith('serve: '))).toEqual([expect.stringMatching(/^serve: slack: .*SLACK_BOT_TOKEN/)]);
    const withKey = await run({ MCP_BACKEND: 'live', MCP_BACKEND_POLYGON: 'snapshot', MCP_BACKEND_FMP: 'snapshot', MCP_BACKEND_TAVILY: 'snapshot', SLACK_BOT_TOKEN: 'xoxb-test', MCP_BACKEND_SLACK: 'lve' });
    expect(withKey.exitCode).not.toBe(0);
    expect(withKey.stderr).toMatch(/MCP_BACKEND_SLACK.*lve/);
  });
});
