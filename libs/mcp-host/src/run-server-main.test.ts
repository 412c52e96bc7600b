import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const entry = fileURLToPath(new URL('./__fixtures__/echo-main.ts', import.meta.url));

describe('runServerMain (a real entry process)', () => {
  it('serves over stdio to any MCP client, passing --backend to the factory', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', entry, '--transport', 'stdio', '--backend', 'live'],
      stderr: 'pipe',
    });
    const client = new Client({ name: 'test', version: '0.0.0' });
    await client.connect(transport);
    const result = await client.callTool({ name: 'echo', arguments: { text: 'over stdio' } });
    expect(result.structuredContent).toEqual({ text: 'over stdio', server: 'echo-live' });
    await client.close();
  });

  it('serves over HTTP, logs the URL to stderr and exits 0 on SIGTERM', async () => {
    const child = execa(process.execPath, ['--import', 'tsx', entry, '--transport', 'http', '--port', '0'], { reject: false });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /listening on (\S+)/.exec(seen);
        if (match) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${seen}`)));
    });
    const client = new Client({ name: 'test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const result = await client.callTool({ name: 'echo', arguments: { text: 'over http' } });
    expect(result.structuredContent).toEqual({ text: 'over http', server: 'echo-snapshot' });
    await client.close();
    child.kill('SIGTERM');
    const finished = await child;
    expect(finished.exitCode).toBe(0);
    expect(finished.stdout).toBe('');
  });

  it('with --exit-on-stdin-close, exits when its supervisor closes stdin', async () => {
    const child = execa(process.execPath, ['--import', 'tsx', entry, '--transport', 'http', '--exit-on-stdin-close'], { reject: false, stdin: 'pipe' });
    await new Promise<void>((resolve) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('listening on')) resolve();
      });
    });
    child.stdin!.end();
    const finished = await child;
    expect(finished.exitCode).toBe(0);
    expect(finished.stderr).toMatch(/stdin closed/);
  });

  it('refuses a non-loopback host with exit code 2', async () => {
    const finished = await execa(process.execPath, ['--import', 'tsx', entry, '--transport', 'http', '--host', '0.0.0.0'], { reject: false });
    expect(finished.exitCode).toBe(2);
    expect(finished.stderr).toMatch(/--host/);
  });
});
