import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const entry = 'mcp_servers/polygon/src/main.ts';

describe('polygon main.ts', () => {
  it('serves the snapshot over stdio', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', entry, '--transport', 'stdio'], cwd: root, stderr: 'ignore' });
    const client = new Client({ name: 'polygon-stdio-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const result = await client.callTool({ name: 'polygon_get_previous_close', arguments: { ticker: 'MSFT' } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ ticker: 'MSFT' });
    } finally {
      await client.close();
    }
  });

  it('fails to start the live backend without POLYGON_API_KEY, naming the variable', async () => {
    const env = { ...process.env };
    delete env.POLYGON_API_KEY;
    const run = await execa(process.execPath, ['--import', 'tsx', entry, '--transport', 'stdio', '--backend', 'live'], { cwd: root, env, extendEnv: false, reject: false, input: '' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('POLYGON_API_KEY');
  });
});
